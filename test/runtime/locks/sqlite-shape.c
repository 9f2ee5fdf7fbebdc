// sqlite's lock layer in small: a static array of mutexes of different
// roles, one allocator that makes every dynamic mutex, and one enter and
// one leave function, all called through a function table. "static MAIN ->
// db mutex" on one path and "db mutex -> static MEM" on another is no
// cycle: the array's elements are classes of their own (array-roles.c).
// A real inversion between two mutexes the allocator made, a db's and a
// btree's, is still found (FIRE). With the allocator known as a lock
// wrapper (the pass's recognition, or lock_wrappers as here), the db
// mutexes and the btree mutexes are two classes, keyed by the callers of
// the allocator, and the inversion is found on other objects than the
// ones that taught the order (KINDS); the quiet run stays quiet. (Where
// the pass inlined the allocator into its callers, the init site itself
// is the caller's line, and the label has no "via".)
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: %expect-exit 0 %t 2>&1 | FileCheck %s --check-prefix=QUIET --allow-empty
// RUN: %expect-exit 66 %t fire 2>&1 | FileCheck %s --check-prefix=FIRE
// RUN: env SYNCSAN_OPTIONS=lock_wrappers=mutex_alloc %expect-exit 0 %t 2>&1 | FileCheck %s --check-prefix=QUIET --allow-empty
// RUN: env SYNCSAN_OPTIONS=lock_wrappers=mutex_alloc %expect-exit 66 %t kinds 2>&1 | FileCheck %s --check-prefix=KINDS
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

typedef struct mutex { pthread_mutex_t m; int id; } mutex;
enum { FAST, RECURSIVE, STATIC_MAIN, STATIC_MEM, STATIC_OPEN };

static mutex *mutex_alloc(int type) {
  static mutex statics[] = {{PTHREAD_MUTEX_INITIALIZER, 2}, {PTHREAD_MUTEX_INITIALIZER, 3},
                            {PTHREAD_MUTEX_INITIALIZER, 4}};
  if (type >= STATIC_MAIN)
    return &statics[type - STATIC_MAIN];
  mutex *p = calloc(1, sizeof(*p));
  pthread_mutex_init(&p->m, NULL);
  p->id = type;
  return p;
}
static void mutex_enter(mutex *p) { pthread_mutex_lock(&p->m); }
static void mutex_leave(mutex *p) { pthread_mutex_unlock(&p->m); }

static struct {
  mutex *(*alloc)(int);
  void (*enter)(mutex *);
  void (*leave)(mutex *);
} methods = {mutex_alloc, mutex_enter, mutex_leave};

struct db { mutex *mu; };
struct btree { mutex *mu; };

static void *xmalloc(size_t n) { /* the memory mutex, under whatever is held */
  mutex *mem = methods.alloc(STATIC_MEM);
  methods.enter(mem);
  void *p = calloc(1, n);
  methods.leave(mem);
  return p;
}

static struct db *db_open(void) {
  mutex *main_mu = methods.alloc(STATIC_MAIN);
  methods.enter(main_mu); /* static MAIN -> db mutex */
  struct db *d = calloc(1, sizeof(*d));
  d->mu = methods.alloc(RECURSIVE);
  methods.enter(d->mu);
  methods.leave(d->mu);
  methods.leave(main_mu);
  return d;
}

static struct btree *btree_open(struct db *d) {
  methods.enter(d->mu); /* db mutex -> static MEM, db mutex -> btree mutex */
  struct btree *b = xmalloc(sizeof(*b));
  b->mu = methods.alloc(FAST);
  methods.enter(b->mu);
  methods.leave(b->mu);
  methods.leave(d->mu);
  return b;
}

int main(int argc, char **argv) {
  struct db *d1 = db_open(), *d2 = db_open();
  struct btree *b1 = btree_open(d1), *b2 = btree_open(d2);
  if (argc > 1 && !strcmp(argv[1], "fire")) { /* btree -> db: the reverse, on the same pair */
    methods.enter(b1->mu);
    methods.enter(d1->mu);
    methods.leave(d1->mu);
    methods.leave(b1->mu);
  }
  if (argc > 1 && !strcmp(argv[1], "kinds")) { /* btree -> db, on other objects */
    methods.enter(b2->mu);
    methods.enter(d1->mu);
    methods.leave(d1->mu);
    methods.leave(b2->mu);
  }
  return 0;
}
// QUIET-NOT: SyncSanitizer
// FIRE: ERROR: SyncSanitizer: lock-order-inversion: lock order cycle of 2 locks (potential deadlock):
// FIRE: SyncSanitizer: 1 error report
// KINDS: ERROR: SyncSanitizer: lock-order-inversion: lock order cycle of 2 locks (potential deadlock): init@sqlite-shape.c:[[BT:[0-9]+]]{{( \(via mutex_alloc:[0-9]+\))?}} -> init@sqlite-shape.c:[[DB:[0-9]+]]{{( \(via mutex_alloc:[0-9]+\))?}} -> init@sqlite-shape.c:[[BT]]
// KINDS: SyncSanitizer: 1 error report
