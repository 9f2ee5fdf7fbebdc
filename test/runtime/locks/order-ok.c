// Near misses that must stay silent: a consistent order in many threads,
// inversions taken only with trylock, an inversion serialised by a gate
// lock held around both orders, locks destroyed and re-created at one
// address in a new role, recursive re-acquisition, unlock in any order.
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: %expect-exit 0 %t 2>&1 | FileCheck %s
// CHECK-NOT: SyncSanitizer
// CHECK: ok
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

static pthread_mutex_t a = PTHREAD_MUTEX_INITIALIZER, b = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t c = PTHREAD_MUTEX_INITIALIZER, d = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t gate = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t e = PTHREAD_MUTEX_INITIALIZER, f = PTHREAD_MUTEX_INITIALIZER;

static void *consistent(void *arg) {
  for (int i = 0; i < 1000; i++) {
    pthread_mutex_lock(&a);
    pthread_mutex_lock(&b);
    pthread_mutex_unlock(&a); /* out of order: fine */
    pthread_mutex_unlock(&b);
  }
  return arg;
}

static void *try_inverse(void *arg) {
  pthread_mutex_lock(&b);
  if (pthread_mutex_trylock(&a) == 0) /* cannot block: no b -> a edge */
    pthread_mutex_unlock(&a);
  pthread_mutex_unlock(&b);
  return arg;
}

static void *gated_one(void *arg) {
  pthread_mutex_lock(&gate);
  pthread_mutex_lock(&c);
  pthread_mutex_lock(&d);
  pthread_mutex_unlock(&d);
  pthread_mutex_unlock(&c);
  pthread_mutex_unlock(&gate);
  return arg;
}

static void *gated_two(void *arg) {
  pthread_mutex_lock(&gate);
  pthread_mutex_lock(&d);
  pthread_mutex_lock(&c);
  pthread_mutex_unlock(&c);
  pthread_mutex_unlock(&d);
  pthread_mutex_unlock(&gate);
  return arg;
}

int main(void) {
  pthread_t t[8];
  for (int i = 0; i < 6; i++)
    pthread_create(&t[i], NULL, consistent, NULL);
  pthread_create(&t[6], NULL, try_inverse, NULL);
  for (int i = 0; i < 7; i++)
    pthread_join(t[i], NULL);
  pthread_create(&t[0], NULL, gated_one, NULL);
  pthread_create(&t[1], NULL, gated_two, NULL);
  pthread_join(t[0], NULL);
  pthread_join(t[1], NULL);

  /* One heap address, two lives: first "slot -> e", then destroyed, then a
   * new lock there used as "e -> slot". Never initialised by a call, its
   * class is its address, and destroy forgets it. */
  pthread_mutex_t *slot = malloc(sizeof(*slot));
  pthread_mutex_t fresh = PTHREAD_MUTEX_INITIALIZER;
  *slot = fresh;
  pthread_mutex_lock(slot);
  pthread_mutex_lock(&e);
  pthread_mutex_unlock(&e);
  pthread_mutex_unlock(slot);
  pthread_mutex_destroy(slot);
  *slot = fresh;
  pthread_mutex_lock(&e);
  pthread_mutex_lock(slot);
  pthread_mutex_unlock(slot);
  pthread_mutex_unlock(&e);
  free(slot);

  pthread_mutexattr_t ra;
  pthread_mutex_t r;
  pthread_mutexattr_init(&ra);
  pthread_mutexattr_settype(&ra, PTHREAD_MUTEX_RECURSIVE);
  pthread_mutex_init(&r, &ra);
  pthread_mutex_lock(&r);
  pthread_mutex_lock(&f);
  pthread_mutex_lock(&r);
  pthread_mutex_unlock(&r);
  pthread_mutex_unlock(&f);
  pthread_mutex_unlock(&r);
  printf("ok\n");
  return 0;
}
