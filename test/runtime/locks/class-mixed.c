// A class whose locks nest in each other at a lock layer's site (one
// allocator makes every mutex, one enter function takes them all, through
// a function table) holds locks of more than one role: here a db's and
// its btree's. Its class-level cycles are confirmed by instances before
// they are reported: "G -> db1" and "btree2 -> G" is a cycle of classes
// (G -> init@... -> G) but of no two locks (QUIET), while "G -> db1" and
// "db1 -> G" is one (FIRE). The order learned before the class showed
// itself mixed counts too (LATE).
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: %expect-exit 0 %t 2>&1 | FileCheck %s --check-prefix=QUIET --allow-empty
// RUN: %expect-exit 0 %t late 2>&1 | FileCheck %s --check-prefix=QUIET --allow-empty
// RUN: %expect-exit 66 %t fire 2>&1 | FileCheck %s --check-prefix=FIRE
// RUN: %expect-exit 66 %t late fire 2>&1 | FileCheck %s --check-prefix=FIRE
// The layer is known by behaviour: its enter function also takes a static
// mutex, of another class. Without that, naming it is enough (OPT); with
// neither, the class is one kind nested in itself, and the class-level
// cycle is reported (KIND). (The allocator and the enter function count
// their calls, so that the pass does not take them for lock wrappers:
// this test is about what the run time sees.)
// RUN: env SYNCSAN_OPTIONS=lock_wrappers=mutex_enter %expect-exit 0 %t nomem 2>&1 | FileCheck %s --check-prefix=QUIET --allow-empty
// RUN: %expect-exit 66 %t nomem 2>&1 | FileCheck %s --check-prefix=KIND
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

typedef struct mutex { pthread_mutex_t m; } mutex;
static long nalloc, nenter;
static mutex *mutex_alloc(void) {
  nalloc++;
  mutex *p = calloc(1, sizeof(*p));
  pthread_mutex_init(&p->m, NULL);
  return p;
}
static void mutex_enter(mutex *p) {
  pthread_mutex_lock(&p->m);
  nenter++;
}
static void mutex_leave(mutex *p) { pthread_mutex_unlock(&p->m); }
static struct {
  mutex *(*alloc)(void);
  void (*enter)(mutex *);
  void (*leave)(mutex *);
} *volatile methods = &(struct { mutex *(*alloc)(void); void (*enter)(mutex *); void (*leave)(mutex *); }){
    mutex_alloc, mutex_enter, mutex_leave};

static pthread_mutex_t G = PTHREAD_MUTEX_INITIALIZER;
static mutex mem = {PTHREAD_MUTEX_INITIALIZER};

static void g_then(mutex *m) {
  pthread_mutex_lock(&G);
  methods->enter(m);
  methods->leave(m);
  pthread_mutex_unlock(&G);
}
static void then_g(mutex *m) {
  methods->enter(m);
  pthread_mutex_lock(&G);
  pthread_mutex_unlock(&G);
  methods->leave(m);
}
static void nest(mutex *outer, mutex *inner) {
  methods->enter(outer);
  methods->enter(inner);
  methods->leave(inner);
  methods->leave(outer);
}

int main(int argc, char **argv) {
  int late = argc > 1 && !strcmp(argv[1], "late");
  int fire = !strcmp(argv[argc - 1], "fire");
  if (strcmp(argv[argc - 1], "nomem")) {
    methods->enter(&mem);
    methods->leave(&mem);
  }
  mutex *db1 = methods->alloc(), *bt1 = methods->alloc();
  mutex *db2 = methods->alloc(), *bt2 = methods->alloc();
  if (late)
    g_then(db1); /* before any nesting: a plain class edge */
  nest(db1, bt1); /* db -> btree through the layer: the class is mixed */
  nest(db2, bt2);
  g_then(db1);
  then_g(fire ? db1 : bt2);
  return 0;
}
// QUIET-NOT: SyncSanitizer
// FIRE: ERROR: SyncSanitizer: lock-order-inversion: lock order cycle of 2 locks (potential deadlock): init@class-mixed.c:[[L:[0-9]+]] instance M{{[0-9]+}} ([[A:0x[0-9a-f]+]]) -> 'G' instance M{{[0-9]+}} ({{0x[0-9a-f]+}}) -> init@class-mixed.c:[[L]] instance M{{[0-9]+}} ([[A]])
// FIRE: SyncSanitizer: 1 error report
// KIND: ERROR: SyncSanitizer: lock-order-inversion: lock order cycle of 2 locks (potential deadlock): init@class-mixed.c:[[L:[0-9]+]] -> 'G' -> init@class-mixed.c:[[L]]
