// atomic-mixed-access: a global or struct field accessed both atomically
// and with plain loads or stores. Initialisation before the object can be
// shared is not counted: a fresh allocation before it escapes, a global in
// main before the first thread, C's atomic_init of an _Atomic object.
// RUN: %syncsan-cc -O0 -g -c %s -o %t.o 2>&1 | FileCheck %s --implicit-check-not=syncsan-
// RUN: %syncsan-cc -O2 -g -c %s -o %t.o 2>&1 | FileCheck %s --implicit-check-not=syncsan-
// Without debug info atomic_init looks like any plain store: the diagnostic
// says so.
// RUN: %syncsan-cc -O2 -c %s -o %t.o 2>&1 | FileCheck %s --check-prefix=NODEBUG
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>

int ready;            // GCC-builtin style: a plain int used atomically
struct stats { long hits; long misses; };
struct node { _Atomic long refs; int key; struct node *next; };

void publish(void) { __atomic_store_n(&ready, 1, __ATOMIC_RELEASE); }
int peek(void) {
  return ready;
  // CHECK: atomic-mixed-access.c:[[@LINE-1]]:10: warning: plain load of 'ready', which is also accessed atomically: a plain access racing with an atomic one is a data race; use an atomic load (memory_order_relaxed if it needs no ordering) [syncsan-atomic-mixed-access]
  // CHECK-NEXT: {{^ +}}[[@LINE-2]] |   return ready;
  // CHECK-NEXT: {{^ +}}|          ^
  // CHECK-NEXT: atomic-mixed-access.c:18:22: note: atomic access of 'ready' here
}

void hit(struct stats *s) { __atomic_fetch_add(&s->hits, 1, __ATOMIC_RELAXED); }
void reset(struct stats *s) {
  s->hits = 0;
  // CHECK: atomic-mixed-access.c:[[@LINE-1]]:11: warning: plain store to field 'hits' of 'struct stats', which is also accessed atomically{{.*}} [syncsan-atomic-mixed-access]
  // NODEBUG: atomic-mixed-access.c: warning: in function 'reset': plain store to the field at offset 0 of 'struct stats', which is also accessed atomically{{.*}}(if this is atomic_init of an _Atomic object, compile with -g so syncsan can tell) [syncsan-atomic-mixed-access]
  s->misses = 0; // never atomic: fine
}

// Near misses.
struct node *node_new(int key) {
  struct node *n = malloc(sizeof *n);
  atomic_init(&n->refs, 1);      // fresh, not yet escaped
  n->key = key;
  return n;
}
void node_init(struct node *n) { atomic_init(&n->refs, 1); } // _Atomic: atomic_init
void node_get(struct node *n) { atomic_fetch_add_explicit(&n->refs, 1, memory_order_relaxed); }

static void *worker(void *arg) { publish(); return arg; }

int main(void) {
  ready = 0;                     // before the first thread
  pthread_t t;
  pthread_create(&t, 0, worker, 0);
  pthread_join(t, 0);
  return peek();
}
