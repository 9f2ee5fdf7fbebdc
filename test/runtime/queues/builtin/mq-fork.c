// Near-miss: a message queue shared by a parent and the child it forks,
// the classic use: the parent sends 50 messages through a queue of 2 that
// the child receives. Each process sees only its own side, so after the
// fork the queue's capacity is unknown to syncsan in both: the parent's
// 50 sends with no receive of its own are no queue-over-capacity, and
// its sends blocked on the full queue, the child there to drain it, are
// no stall.
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: env SYNCSAN_OPTIONS=queue_stall_ms=200 %expect-exit 0 timeout 20 %t 2>&1 | FileCheck %s --implicit-check-not=SyncSanitizer
#include <fcntl.h>
#include <mqueue.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/wait.h>
#include <syncsan/syncsan.h>
#include <unistd.h>

int main(void) {
  char name[64];
  snprintf(name, sizeof(name), "/syncsan-fork-%d", (int)getpid());
  struct mq_attr attr = {.mq_maxmsg = 2, .mq_msgsize = sizeof(int)};
  mqd_t q = mq_open(name, O_CREAT | O_EXCL | O_RDWR, 0600, &attr);
  if (q == (mqd_t)-1) {
    perror("mq_open");
    return 2;
  }
  mq_unlink(name);
  struct syncsan_queue_metrics m;
  if (syncsan_queue_metrics((void *)(intptr_t)q, &m) == 0)
    printf("before the fork: capacity %llu\n", m.capacity);
  pid_t child = fork();
  if (child == 0) {
    long sum = 0;
    for (int i = 0; i < 50; i++) {
      int v;
      mq_receive(q, (char *)&v, sizeof(v), NULL);
      sum += v;
      if (i == 10)
        usleep(50000); /* the parent blocks on the full queue meanwhile */
    }
    printf("child: sum %ld\n", sum);
    fflush(stdout);
    _exit(0);
  }
  for (int i = 0; i < 50; i++)
    mq_send(q, (const char *)&i, sizeof(i), 0);
  int status = 0;
  waitpid(child, &status, 0);
  if (syncsan_queue_metrics((void *)(intptr_t)q, &m) == 0)
    printf("parent: pushes %llu pops %llu capacity %llu, child exited %d\n", m.pushes, m.pops,
           m.capacity, WEXITSTATUS(status));
  mq_close(q);
  return 0;
}
// CHECK: before the fork: capacity 2
// CHECK-DAG: child: sum 1225
// CHECK-DAG: parent: pushes 50 pops 0 capacity 0, child exited 0
