// A library-style lock layer: one lock_alloc() mallocs and initialises every
// mutex, and locks are taken through a table of the layer's functions. The
// two kinds of object each get their lock from their own constructor's call
// of lock_alloc, so each kind is its own class (keyed by that call's line),
// and an account -> ledger / ledger -> account inversion on different
// objects of the two kinds is found. The locks are taken through function
// pointers: without call stacks those frames name the layer's function.
// With recognition off, every lock is lock_alloc's single init site, one
// class, and the inversion is invisible.
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: %expect-exit 66 %t 2>&1 | FileCheck %s
// RUN: %syncsan-cc %O -g -fsyncsan-lock-wrappers=0 %s -o %t.off
// RUN: %expect-exit 0 %t.off 2>&1 | FileCheck %s --check-prefix=OFF
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

struct lock_ops {
  void *(*alloc)(void);
  void (*lock)(void *);
  void (*unlock)(void *);
};

static void *lock_alloc(void) {
  pthread_mutex_t *m = malloc(sizeof(*m));
  if (m && pthread_mutex_init(m, NULL)) {
    free(m);
    return NULL;
  }
  return m;
}
static void layer_lock(void *m) { pthread_mutex_lock(m); }
static void layer_unlock(void *m) { pthread_mutex_unlock(m); }

static const struct lock_ops ops = {lock_alloc, layer_lock, layer_unlock};
static const struct lock_ops *volatile layer = &ops;

struct account {
  void *lock;
  long balance;
};
struct ledger {
  void *lock;
  long entries;
};

static struct account *account_new(void) {
  struct account *a = calloc(1, sizeof(*a));
  a->lock = lock_alloc(); // ACCOUNT-LOCK
  return a;
}
static struct ledger *ledger_new(void) {
  struct ledger *l = calloc(1, sizeof(*l));
  l->lock = lock_alloc(); // LEDGER-LOCK
  return l;
}

static void post(struct account *a, struct ledger *l) {
  layer->lock(a->lock);
  layer->lock(l->lock);
  l->entries++;
  a->balance--;
  layer->unlock(l->lock);
  layer->unlock(a->lock);
}

static void audit(struct ledger *l, struct account *a) {
  layer->lock(l->lock);
  layer->lock(a->lock);
  a->balance += l->entries;
  layer->unlock(a->lock);
  layer->unlock(l->lock);
}

static void *poster(void *arg) {
  struct account *a = account_new();
  struct ledger *l = ledger_new();
  post(a, l);
  return arg;
}

static void *auditor(void *arg) {
  struct account *a = account_new();
  struct ledger *l = ledger_new();
  audit(l, a);
  return arg;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, NULL, poster, NULL);
  pthread_join(t, NULL);
  pthread_create(&t, NULL, auditor, NULL);
  pthread_join(t, NULL);
  printf("finished\n");
  return 0;
}
// CHECK: ERROR: SyncSanitizer: lock-order-inversion: lock order cycle of 2 locks (potential deadlock): init@wrapper-lock-layer.c:54 -> init@wrapper-lock-layer.c:49 -> init@wrapper-lock-layer.c:54
// CHECK: #0 layer_lock {{.*}}wrapper-lock-layer.c:32:35 (pthread_mutex_lock)
// CHECK: SUMMARY: SyncSanitizer: lock-order-inversion
// CHECK: finished
// OFF-NOT: SyncSanitizer
// OFF: finished
// OFF-NOT: SyncSanitizer
