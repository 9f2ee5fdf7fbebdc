// fence-without-atomic next to C library calls: a library function of known
// semantics (string, stdio, allocation, conversions) performs no atomic
// access a fence could order, so a barrier helper inlined into a function
// whose only other work is plain accesses and such calls is reported, at
// the call that brought the fence in. At -O0 the helper stays a function
// of its own (a barrier helper: its callers' accesses are what it orders),
// so only the fence written in place is reported there.
// RUN: %syncsan-cc -O2 -g -c %s -o %t.o 2>&1 | FileCheck %s --check-prefixes=CHECK,O2 --implicit-check-not=syncsan-
// RUN: %syncsan-cc -O0 -g -c %s -o %t.o 2>&1 | FileCheck %s --implicit-check-not=syncsan-
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char *data;
int ready;
_Atomic int aready;
pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;

static inline void release_barrier(void) { atomic_thread_fence(memory_order_release); }

void publish_copy(const char *src) {
  data = strdup(src);
  release_barrier();
  // O2: atomic-fence-libc.c:[[@LINE-1]]:3: warning: release fence in 'publish_copy' (inlined from 'release_barrier') orders no atomic operation: the function performs no atomic access and calls nothing that could, so the plain loads and stores around the fence still race; make the accesses that publish data atomic [syncsan-fence-without-atomic]
  // O2: atomic-fence-libc.c:21:44: note: the fence, in 'release_barrier'
  ready = 1;
  fflush(stdout);
}

void publish_number(const char *src) {
  char buf[32];
  snprintf(buf, sizeof buf, "%d", atoi(src));
  data = malloc(strlen(buf) + 1);
  memcpy(data, buf, strlen(buf) + 1);
  release_barrier();
  // O2: atomic-fence-libc.c:[[@LINE-1]]:3: warning: release fence in 'publish_number' (inlined from 'release_barrier') orders no atomic operation{{.*}} [syncsan-fence-without-atomic]
  ready = 1;
}

int consume_printing(void) {
  if (!ready)
    return -1;
  atomic_thread_fence(memory_order_acquire);
  // CHECK: atomic-fence-libc.c:[[@LINE-1]]:3: warning: acquire fence in 'consume_printing' orders no atomic operation{{.*}} [syncsan-fence-without-atomic]
  puts(data);
  return (int)strtol(data, 0, 10);
}

// Near misses: the same shapes next to a call that may synchronise (a
// function this module cannot see, a mutex), or next to an atomic.
extern void notify(void);
void publish_then_notify(const char *src) {
  data = strdup(src);
  release_barrier();
  ready = 1;
  notify();
}
void publish_locked(const char *src) {
  pthread_mutex_lock(&m);
  data = strdup(src);
  release_barrier();
  ready = 1;
  pthread_mutex_unlock(&m);
}
void publish_atomic(const char *src) {
  data = strdup(src);
  release_barrier();
  atomic_store_explicit(&aready, 1, memory_order_relaxed);
  printf("published %s\n", src);
}
