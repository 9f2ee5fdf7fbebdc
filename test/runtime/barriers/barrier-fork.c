// fork while a thread waits at a barrier: the child has only the forking
// thread, so the phase in progress (whose waiter did not survive the fork)
// is forgotten there: the child's stall check stays silent however long it
// runs, and its own barrier works. The parent's phase completes as the
// parent arrives.
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: env SYNCSAN_OPTIONS=barrier_timeout_ms=100:barrier_stall_action=abort %expect-exit 0 %t 2>&1 | FileCheck %s --implicit-check-not=SyncSanitizer
// CHECK-DAG: child done
// CHECK-DAG: parent done
#include <pthread.h>
#include <stdio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "Inputs/blocked.h"

static pthread_barrier_t bar;
static pid_t waiter_tid;

static void *waiter(void *arg) {
  __atomic_store_n(&waiter_tid, test_gettid(), __ATOMIC_RELEASE);
  pthread_barrier_wait(&bar);
  return arg;
}

int main(void) {
  pthread_barrier_init(&bar, NULL, 2);
  pthread_t t;
  pthread_create(&t, NULL, waiter, NULL);
  while (!__atomic_load_n(&waiter_tid, __ATOMIC_ACQUIRE))
    ;
  wait_blocked(waiter_tid);
  pid_t pid = fork();
  if (pid == 0) {
    pthread_barrier_t own;
    pthread_barrier_init(&own, NULL, 1);
    for (int i = 0; i < 3; i++) {
      pthread_barrier_wait(&own);
      struct timespec ts = {0, 150 * 1000 * 1000};
      nanosleep(&ts, NULL);
    }
    fprintf(stderr, "child done\n");
    _exit(0);
  }
  pthread_barrier_wait(&bar);
  pthread_join(t, NULL);
  int status = 0;
  waitpid(pid, &status, 0);
  fprintf(stderr, "parent done\n");
  return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}
