// The deadlock watchdog does not survive a fork: a child that deadlocks two
// threads of its own still gets the deadlock report, from a watchdog of its
// own, while the parent (whose watchdog keeps running) stays silent.
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: env SYNCSAN_OPTIONS=deadlock_timeout_ms=200 timeout 60 %t 2>&1 | FileCheck %s
// CHECK: ERROR: SyncSanitizer: deadlock: T{{[0-9]+}} and T{{[0-9]+}} are blocked waiting for each other
// CHECK: ending the deadlocked process
// CHECK: parent: child status 66
// CHECK-NOT: SyncSanitizer
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

static pthread_mutex_t a = PTHREAD_MUTEX_INITIALIZER, b = PTHREAD_MUTEX_INITIALIZER;
static pthread_barrier_t both;

static void *nothing(void *arg) { return arg; }

static void *ab(void *arg) {
  pthread_mutex_lock(&a);
  pthread_barrier_wait(&both);
  pthread_mutex_lock(&b);
  return arg;
}

static void *ba(void *arg) {
  pthread_mutex_lock(&b);
  pthread_barrier_wait(&both);
  pthread_mutex_lock(&a);
  return arg;
}

int main(void) {
  /* A second thread: the parent's watchdog is running. */
  pthread_t t;
  pthread_create(&t, NULL, nothing, NULL);
  pthread_join(t, NULL);
  pid_t pid = fork();
  if (pid == 0) {
    pthread_barrier_init(&both, NULL, 2);
    pthread_t t1, t2;
    pthread_create(&t1, NULL, ab, NULL);
    pthread_create(&t2, NULL, ba, NULL);
    pthread_join(t1, NULL);
    return 0;
  }
  int st;
  waitpid(pid, &st, 0);
  printf("parent: child status %d\n", WIFEXITED(st) ? WEXITSTATUS(st) : -1);
  return 0;
}
