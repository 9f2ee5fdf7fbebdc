// A thread cancelled while blocked in sem_wait (a cancellation point)
// unwinds through the hook, which ends its wait: destroying the semaphore
// after joining it is silent. In a forked child no thread is blocked in
// any semaphore (the waiter did not survive the fork): destroying the one
// the parent's thread waits on is silent there, and the parent's own
// destroy, with its thread still blocked, is reported.
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: %expect-exit 0 %t cancel 2>&1 | FileCheck %s --check-prefix=CANCEL --implicit-check-not=SyncSanitizer
// RUN: %expect-exit 66 %t fork 2>&1 | FileCheck %s --check-prefix=FORK
#define _GNU_SOURCE
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static sem_t s;
static pid_t waiter_tid;

static void *waiter(void *arg) {
  __atomic_store_n(&waiter_tid, gettid(), __ATOMIC_RELEASE);
  sem_wait(&s);
  return arg;
}

/* Until thread tid sleeps in the kernel (its sem_wait's futex wait). */
static void wait_until_sleeping(pid_t tid) {
  char path[64], buf[256];
  snprintf(path, sizeof(path), "/proc/self/task/%d/stat", (int)tid);
  for (;;) {
    FILE *f = fopen(path, "r");
    size_t n = f ? fread(buf, 1, sizeof(buf) - 1, f) : 0;
    if (f)
      fclose(f);
    buf[n] = 0;
    const char *p = strrchr(buf, ')');
    if (p && p[1] == ' ' && p[2] == 'S')
      return;
    usleep(1000);
  }
}

int main(int argc, char **argv) {
  sem_init(&s, 0, 0);
  pthread_t t;
  pthread_create(&t, NULL, waiter, NULL);
  while (!__atomic_load_n(&waiter_tid, __ATOMIC_ACQUIRE))
    usleep(1000);
  wait_until_sleeping(waiter_tid);
  if (argc > 1 && !strcmp(argv[1], "cancel")) {
    pthread_cancel(t);
    void *res;
    pthread_join(t, &res);
    printf("cancelled %d\n", res == PTHREAD_CANCELED);
    sem_destroy(&s);
    return 0;
  }
  pid_t child = fork();
  if (child == 0) {
    sem_destroy(&s);
    printf("child destroyed\n");
    fflush(stdout);
    _exit(0);
  }
  int status;
  waitpid(child, &status, 0);
  printf("child exit %d\n", WEXITSTATUS(status));
  fflush(stdout);
  sem_destroy(&s);
  pthread_cancel(t);
  pthread_join(t, NULL);
  return 0;
}
// CANCEL: cancelled 1
// FORK: child destroyed
// FORK: child exit 0
// FORK: ERROR: SyncSanitizer: sem-destroy-in-use: thread T0 destroys semaphore S{{[0-9]+}} 's' (0x{{[0-9a-f]+}}) while 1 thread is blocked waiting on it
// FORK: 1 error report
