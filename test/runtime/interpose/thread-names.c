// Names the program gives its threads appear where reports describe them:
// pthread_setname_np on the calling thread, pthread_setname_np by another
// thread on a thread it has just created (which may not have started yet:
// the name waits for it), and prctl(PR_SET_NAME). A name the C library
// refused (longer than 15 bytes: ERANGE) leaves the thread's name as it was.
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: %expect-exit 66 %t 2>&1 | FileCheck %s
// CHECK: unlock-not-held: thread T1 releases
// CHECK: Thread T1 'self-named' created by T0 at:
// CHECK: unlock-not-held: thread T2 releases
// CHECK: Thread T2 'by-parent' created by T0 at:
// CHECK: unlock-not-held: thread T3 releases
// CHECK: Thread T3 'prctl-named' created by T0 at:
// CHECK: unlock-not-held: thread T4 releases
// CHECK: Thread T4 'kept' created by T0 at:
// CHECK: refused 34
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <sys/prctl.h>

static pthread_mutex_t m[4] = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_MUTEX_INITIALIZER,
                               PTHREAD_MUTEX_INITIALIZER, PTHREAD_MUTEX_INITIALIZER};
static pthread_barrier_t named;
static int refused;

static void *self_named(void *arg) {
  pthread_setname_np(pthread_self(), "self-named");
  pthread_mutex_unlock(&m[0]);
  return arg;
}

static void *by_parent(void *arg) {
  pthread_barrier_wait(&named);
  pthread_mutex_unlock(&m[1]);
  return arg;
}

static void *prctl_named(void *arg) {
  prctl(PR_SET_NAME, (unsigned long)"prctl-named", 0UL, 0UL, 0UL);
  pthread_mutex_unlock(&m[2]);
  return arg;
}

static void *kept(void *arg) {
  pthread_setname_np(pthread_self(), "kept");
  refused = pthread_setname_np(pthread_self(), "a-name-of-more-than-15-bytes");
  pthread_mutex_unlock(&m[3]);
  return arg;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, NULL, self_named, NULL);
  pthread_join(t, NULL);
  pthread_barrier_init(&named, NULL, 2);
  pthread_create(&t, NULL, by_parent, NULL);
  pthread_setname_np(t, "by-parent");
  pthread_barrier_wait(&named);
  pthread_join(t, NULL);
  pthread_create(&t, NULL, prctl_named, NULL);
  pthread_join(t, NULL);
  pthread_create(&t, NULL, kept, NULL);
  pthread_join(t, NULL);
  printf("refused %d\n", refused);
  return 0;
}
