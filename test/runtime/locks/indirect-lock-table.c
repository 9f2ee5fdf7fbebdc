// Locks taken and released through function pointers meet the direct calls
// in the runtime: a lock-ops table (its entries chosen at run time, so -O2
// cannot fold them into direct calls), locked through the table and
// released directly and the other way round, a C11 table, and a thread
// started through a pointer to pthread_create. Correct, so silent. (The
// table's calls used to go unseen: a false unlock-not-held, then a false
// lock-held-at-exit.) The program's result is the one without syncsan.
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: %expect-exit 0 %t 2>&1 | FileCheck %s --implicit-check-not=SyncSanitizer
// RUN: %clang %O %s -o %t.plain -pthread
// RUN: %t.plain | FileCheck %s
#include <pthread.h>
#include <stdio.h>
#include <threads.h>

struct lock_ops {
  int (*lock)(pthread_mutex_t *);
  int (*unlock)(pthread_mutex_t *);
};
static const struct lock_ops pthread_ops = {pthread_mutex_lock, pthread_mutex_unlock};
static const struct lock_ops trylock_ops = {pthread_mutex_trylock, pthread_mutex_unlock};
static int (*const c11_ops[2])(mtx_t *) = {mtx_lock, mtx_unlock};
static int (*spawn)(pthread_t *, const pthread_attr_t *, void *(*)(void *), void *) =
    pthread_create;

static pthread_mutex_t table_lock = PTHREAD_MUTEX_INITIALIZER;
static mtx_t c11_lock;
static long counter;

static void *worker(void *arg) {
  const struct lock_ops *ops = arg;
  for (int i = 0; i < 1000; i++) {
    ops->lock(&table_lock);
    counter++;
    pthread_mutex_unlock(&table_lock);
    pthread_mutex_lock(&table_lock);
    counter++;
    ops->unlock(&table_lock);
  }
  return NULL;
}

int main(int argc, char **argv) {
  (void)argv;
  /* Chosen at run time: never a constant the optimiser can fold. */
  const struct lock_ops *ops = argc > 5 ? &trylock_ops : &pthread_ops;
  pthread_t t;
  spawn(&t, NULL, worker, (void *)ops);
  worker((void *)ops);
  pthread_join(t, NULL);

  mtx_init(&c11_lock, mtx_plain);
  c11_ops[argc > 5](&c11_lock);
  counter++;
  mtx_unlock(&c11_lock);
  mtx_destroy(&c11_lock);
  printf("counter=%ld\n", counter);
  return 0;
}
// CHECK: counter=4001
