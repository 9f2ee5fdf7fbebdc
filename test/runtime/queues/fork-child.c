// A forked child has only the forking thread: another thread's push that
// was blocked in the parent is no call of the child's (no stall is
// reported for it there, however long the child runs), and the child's
// own queue calls are counted and checked as usual. The parent's blocked
// push completes within the stall time: silent too.
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: env SYNCSAN_OPTIONS=queue_stall_ms=200 %expect-exit 0 %t 2>&1 | FileCheck %s --implicit-check-not=SyncSanitizer
#include <pthread.h>
#include <stdio.h>
#include <sys/wait.h>
#include <syncsan/syncsan.h>
#include <time.h>
#include <unistd.h>

#include "Inputs/qwrap.h"

static struct bq *q;

static void *producer(void *arg) {
  BQ_PUSH(q, 1);
  BQ_PUSH(q, 2); /* blocks: the queue holds 1 */
  return arg;
}

static void nap_ms(long ms) {
  struct timespec ts = {ms / 1000, (ms % 1000) * 1000000};
  nanosleep(&ts, NULL);
}

int main(void) {
  q = BQ_NEW(1);
  syncsan_queue_set_name(q, "pipe");
  pthread_t t;
  pthread_create(&t, NULL, producer, NULL);
  nap_ms(50);
  pid_t pid = fork();
  if (pid == 0) {
    nap_ms(400);
    int v, r = BQ_TRY_POP(q, &v);
    struct syncsan_queue_metrics m;
    syncsan_queue_metrics(q, &m);
    fprintf(stderr, "child: pop %d (%d), pushes %llu pops %llu\n", r, v, m.pushes, m.pops);
    _exit(0);
  }
  int v;
  BQ_POP(q, &v);
  BQ_POP(q, &v);
  pthread_join(t, NULL);
  int status;
  waitpid(pid, &status, 0);
  fprintf(stderr, "parent: child exited %d\n", WEXITSTATUS(status));
  return 0;
}
// CHECK-DAG: child: pop 0 (1), pushes 1 pops 1
// CHECK-DAG: parent: child exited 0
