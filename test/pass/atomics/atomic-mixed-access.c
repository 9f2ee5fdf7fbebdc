// atomic-mixed-access: a global or struct field accessed both atomically
// and with plain loads or stores, where one of the two writes (loads alone
// do not race). Initialisation before the object can be
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
  // CHECK: atomic-mixed-access.c:[[@LINE-1]]:10: warning: plain load of 'ready', which is also written atomically: the two accesses may race, and a plain access racing with an atomic one is a data race; use an atomic load (memory_order_relaxed if it needs no ordering) [syncsan-atomic-mixed-access]
  // CHECK-NEXT: {{^ +}}[[@LINE-2]] |   return ready;
  // CHECK-NEXT: {{^ +}}|          ^
  // CHECK-NEXT: atomic-mixed-access.c:19:22: note: atomic write of 'ready' here
}

// A plain store through a cast to an _Atomic object is mixed access: clang
// lowers atomic_init to the same plain store, but this one is an
// assignment in the source.
_Atomic int state;
int state_get(void) { return atomic_load(&state); }
void state_clobber(void) {
  *(int *)&state = 0;
  // CHECK: atomic-mixed-access.c:[[@LINE-1]]:18: warning: plain store to 'state', which is also accessed atomically: the two accesses may race{{.*}} [syncsan-atomic-mixed-access]
  // CHECK: note: atomic access of 'state' here
  // NODEBUG: warning: in function 'state_clobber': plain store to 'state', which is also accessed atomically
}
void state_bump(void) {
  int *p = (int *)&state;
  *p += 1; // the plain load is silent: 'state' is never written atomically
  // CHECK: atomic-mixed-access.c:[[@LINE-1]]:6: warning: plain store to 'state', which is also accessed atomically{{.*}} [syncsan-atomic-mixed-access]
  // NODEBUG: warning: in function 'state_bump': plain store to 'state', which is also accessed atomically
}
// Near miss: atomic_init itself is still initialisation.
void state_init(void) { atomic_init(&state, 0); }

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

// Loads do not race with loads: a header field (as in sqlite's WAL index)
// read both atomically and plainly, but never written atomically, is silent.
struct hdr { unsigned version; unsigned change; };
unsigned hdr_version(struct hdr *h) { return __atomic_load_n(&h->version, __ATOMIC_ACQUIRE); }
unsigned hdr_version_plain(struct hdr *h) { return h->version; }

// Once the field is also written atomically, the plain load may race.
unsigned hdr_change_plain(struct hdr *h) {
  return h->change;
  // CHECK: atomic-mixed-access.c:[[@LINE-1]]:13: warning: plain load of field 'change' of 'struct hdr', which is also written atomically: the two accesses may race{{.*}} [syncsan-atomic-mixed-access]
  // CHECK: note: atomic write of field 'change' of 'struct hdr' here
  // NODEBUG: warning: in function 'hdr_change_plain': plain load of the field at offset 4 of 'struct hdr', which is also written atomically
}
unsigned hdr_change(struct hdr *h) { return __atomic_load_n(&h->change, __ATOMIC_ACQUIRE); }
void hdr_bump(struct hdr *h) { __atomic_store_n(&h->change, 2, __ATOMIC_RELEASE); }

