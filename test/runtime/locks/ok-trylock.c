// Near miss: trylocks that fail (held by another thread, or by the caller:
// EBUSY, it cannot block) are not bugs, and a failed trylock leaves nothing
// held, so the later unlock-free exit is clean.
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: %expect-exit 0 %t 2>&1 | FileCheck %s
// CHECK-NOT: SyncSanitizer
// CHECK: busy=2 ok=1
// CHECK-NOT: SyncSanitizer
#include <errno.h>
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t go = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static int held, done;

static void *holder(void *arg) {
  pthread_mutex_lock(&mu);
  pthread_mutex_lock(&go);
  held = 1;
  pthread_cond_broadcast(&cv);
  while (!done)
    pthread_cond_wait(&cv, &go);
  pthread_mutex_unlock(&go);
  pthread_mutex_unlock(&mu);
  return arg;
}

int main(void) {
  int busy = 0, ok = 0;
  pthread_t t;
  pthread_create(&t, NULL, holder, NULL);
  pthread_mutex_lock(&go);
  while (!held)
    pthread_cond_wait(&cv, &go);
  pthread_mutex_unlock(&go);
  busy += pthread_mutex_trylock(&mu) == EBUSY; /* held by the other thread */
  pthread_mutex_lock(&go);
  done = 1;
  pthread_cond_broadcast(&cv);
  pthread_mutex_unlock(&go);
  pthread_join(t, NULL);
  ok += pthread_mutex_trylock(&mu) == 0;
  busy += pthread_mutex_trylock(&mu) == EBUSY; /* held by this thread */
  pthread_mutex_unlock(&mu);
  printf("busy=%d ok=%d\n", busy, ok);
  return 0;
}
