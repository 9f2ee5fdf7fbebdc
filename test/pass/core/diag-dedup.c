// One diagnostic per check and source location: an atomic inlined into many
// callers, or expanded by clang into one operation per possible order, is
// reported once. Nothing is reported about code the pass generates itself
// (hooks, site records, markers, the module constructor).
// RUN: %syncsan-cc -O2 -g -c %s -o %t.o 2>&1 | FileCheck %s --implicit-check-not=syncsan-
// RUN: %syncsan-cc -O2 -g -c %s -o %t.o 2>&1 | grep -c 'syncsan-atomic-misaligned' | FileCheck %s --check-prefix=COUNT
// COUNT: 1
#include <pthread.h>
#include <stdatomic.h>

_Alignas(64) char page[128];
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static inline int peek(int o) {
  return atomic_load_explicit((_Atomic int *)(page + 1), o);
  // CHECK: diag-dedup.c:[[@LINE-1]]:10: warning: misaligned 4-byte atomic load of 'page+1'{{.*}} [syncsan-atomic-misaligned]
}
int a(void) { return peek(memory_order_acquire); }
int b(void) { return peek(memory_order_seq_cst); }
int c(int o) { return peek(o); }
int d(_Atomic int *p) {
  pthread_mutex_lock(&lock);
  int v = atomic_load(p) + peek(memory_order_relaxed);
  pthread_mutex_unlock(&lock);
  return v;
}
