// A library-style lock layer: one lock_alloc() mallocs and initialises
// every mutex, and locks are taken through a function table. A lock made
// inside a lock wrapper (here named with lock_wrappers; the pass's own
// recognition or an interposed call from a wrapper count the same) is
// classed by the first frame above the wrappers, so the accounts'
// locks and the ledgers' are two classes, and an account -> ledger /
// ledger -> account inversion on different objects is found (FIRE). The
// same order everywhere stays silent (QUIET).
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: env SYNCSAN_OPTIONS=lock_wrappers=lock_alloc %expect-exit 66 %t fire 2>&1 | FileCheck %s --check-prefix=FIRE
// RUN: env SYNCSAN_OPTIONS=lock_wrappers=lock_alloc %expect-exit 0 %t 2>&1 | FileCheck %s --check-prefix=QUIET --allow-empty
#include <pthread.h>
#include <stdlib.h>

struct lock { pthread_mutex_t m; };

__attribute__((noinline)) static struct lock *lock_alloc(void) {
  struct lock *l = malloc(sizeof(*l));
  pthread_mutex_init(&l->m, NULL);
  return l;
}
static void lock_take(struct lock *l) { pthread_mutex_lock(&l->m); }
static void lock_drop(struct lock *l) { pthread_mutex_unlock(&l->m); }

static const struct lock_ops {
  struct lock *(*alloc)(void);
  void (*take)(struct lock *);
  void (*drop)(struct lock *);
} *volatile ops = &(struct lock_ops){lock_alloc, lock_take, lock_drop};

struct account { struct lock *lk; long balance; };
struct ledger { struct lock *lk; long entries; };

__attribute__((noinline)) static struct account *account_new(void) {
  struct account *a = calloc(1, sizeof(*a));
  a->lk = ops->alloc();
  return a;
}
__attribute__((noinline)) static struct ledger *ledger_new(void) {
  struct ledger *l = calloc(1, sizeof(*l));
  l->lk = ops->alloc();
  return l;
}

static void post(struct account *a, struct ledger *l) { /* account -> ledger */
  ops->take(a->lk);
  ops->take(l->lk);
  l->entries++;
  ops->drop(l->lk);
  ops->drop(a->lk);
}
static void audit(struct ledger *l, struct account *a) { /* ledger -> account */
  ops->take(l->lk);
  ops->take(a->lk);
  a->balance++;
  ops->drop(a->lk);
  ops->drop(l->lk);
}

int main(int argc, char **argv) {
  (void)argv;
  struct account *a1 = account_new(), *a2 = account_new();
  struct ledger *l1 = ledger_new(), *l2 = ledger_new();
  post(a1, l1);
  post(a2, l2);
  if (argc > 1)
    audit(l2, a1); /* other objects than either post */
  return 0;
}
// FIRE: ERROR: SyncSanitizer: lock-order-inversion: lock order cycle of 2 locks (potential deadlock): init@class-init-stack.c:[[LEDGER:[0-9]+]] (via lock_alloc:{{[0-9]+}}) -> init@class-init-stack.c:[[ACCOUNT:[0-9]+]] (via lock_alloc:{{[0-9]+}}) -> init@class-init-stack.c:[[LEDGER]] (via lock_alloc:{{[0-9]+}})
// FIRE: SyncSanitizer: 1 error report
// QUIET-NOT: SyncSanitizer
