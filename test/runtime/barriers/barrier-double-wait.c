// barrier-double-wait: a thread arrives at a barrier twice in one phase. A
// real barrier blocks its first arrival, so this takes a second call on
// the same thread while the first is blocked: a signal handler that waits
// on the barrier it interrupted. (glibc counts the handler's arrival too:
// the phase completes and both calls return.) The near miss's handler
// waits on another barrier.
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: %expect-exit 66 %t same 2>&1 | FileCheck %s
// RUN: %expect-exit 0 %t other 2>&1 | FileCheck %s --check-prefix=OK --implicit-check-not=SyncSanitizer
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "Inputs/blocked.h"

static pthread_barrier_t bar, solo;
static pthread_barrier_t *handler_bar;
static pid_t main_tid;
static pthread_t main_thread;

static void on_signal(int sig) {
  (void)sig;
  pthread_barrier_wait(handler_bar);
}

static void *poker(void *arg) {
  wait_blocked(main_tid);
  pthread_kill(main_thread, SIGUSR1);
  if (handler_bar == &solo)
    pthread_barrier_wait(&bar); /* the near miss: the phase needs this thread */
  return arg;
}

int main(int argc, char **argv) {
  handler_bar = argc > 1 && !strcmp(argv[1], "same") ? &bar : &solo;
  pthread_barrier_init(&bar, NULL, 2);
  pthread_barrier_init(&solo, NULL, 1);
  struct sigaction sa;
  memset(&sa, 0, sizeof(sa));
  sa.sa_handler = on_signal;
  sigaction(SIGUSR1, &sa, NULL);
  main_tid = test_gettid();
  main_thread = pthread_self();
  pthread_t t;
  pthread_create(&t, NULL, poker, NULL);
  pthread_barrier_wait(&bar);
  pthread_join(t, NULL);
  fprintf(stderr, "done\n");
  return 0;
}
// CHECK: ERROR: SyncSanitizer: barrier-double-wait: thread T0 arrives at barrier 0x{{[0-9a-f]+}} a second time in one phase (phase 0, 2 of 2 arrivals): its own arrivals would complete a phase the other participants have not reached
// CHECK-NEXT: Second arrival by thread T0:
// CHECK-NEXT: #0 on_signal {{.*}}barrier-double-wait.c:24:3 (pthread_barrier_wait)
// CHECK: First arrival in the same phase by thread T0, still waiting:
// CHECK-NEXT: #0 main {{.*}}barrier-double-wait.c:47:3 (pthread_barrier_wait)
// CHECK: barrier 0x{{[0-9a-f]+}} was initialised with count 2 by thread T0 at:
// CHECK: SUMMARY: SyncSanitizer: barrier-double-wait {{.*}}barrier-double-wait.c:24 in on_signal
// CHECK: done
// OK: done
