// A sem_wait interrupted by a signal handler (installed without
// SA_RESTART) returns -1 with errno EINTR through the hook, as without
// syncsan; the program's retry loop then gets the post the handler makes
// (sem_post is async-signal-safe). errno is the program's own after
// successful calls. The only thread waiting, longer than sem_timeout_ms,
// on a semaphore no thread ever posted is no stall: the program has a
// signal handler, which may post it (and does). Silent.
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: env SYNCSAN_OPTIONS=sem_timeout_ms=50 %expect-exit 0 timeout 10 %t 2>&1 | FileCheck %s --implicit-check-not=SyncSanitizer
// CHECK: interrupted 1 EINTR 1
// CHECK: errno kept 1234
#include <errno.h>
#include <pthread.h>
#include <semaphore.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static sem_t s;
static volatile sig_atomic_t fired;

static void on_alarm(int sig) {
  (void)sig;
  fired = 1;
  sem_post(&s);
}

int main(void) {
  struct sigaction sa;
  memset(&sa, 0, sizeof(sa));
  sa.sa_handler = on_alarm;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGALRM, &sa, NULL); /* no SA_RESTART */
  sem_init(&s, 0, 0);
  int interrupted = 0, eintr = 0;
  ualarm(200000, 0);
  for (;;) {
    int rc = sem_wait(&s);
    if (rc == 0)
      break;
    interrupted++;
    eintr += errno == EINTR;
  }
  printf("interrupted %d %s %d\n", interrupted, eintr ? "EINTR" : "other", (int)fired);
  errno = 1234;
  sem_post(&s);
  sem_wait(&s);
  sem_trywait(&s); /* fails: EAGAIN */
  errno = 1234;
  sem_post(&s);
  sem_trywait(&s);
  printf("errno kept %d\n", errno);
  return 0;
}
