// Near-miss: an O_NONBLOCK producer retries its sends on the full queue
// (EAGAIN, a non-blocking push that fails) for a moment, well under
// queue_stall_ms, until the consumer drains it: no stall, and the metrics
// count the failed pushes. The descriptor made blocking by mq_setattr
// blocks instead, with no failure. With no consumer at all, sends that
// keep failing for longer than queue_stall_ms are a stall (the program
// gives up after 600 ms).
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: env SYNCSAN_OPTIONS=queue_stall_ms=200 %expect-exit 0 timeout 20 %t 2>&1 | FileCheck %s --implicit-check-not=SyncSanitizer
// RUN: env SYNCSAN_OPTIONS=queue_stall_ms=200 %expect-exit 66 timeout 20 %t stall 2>&1 | FileCheck %s --check-prefix=STALL
#include <errno.h>
#include <fcntl.h>
#include <mqueue.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <syncsan/syncsan.h>
#include <unistd.h>

static mqd_t q;

static void *drain(void *arg) {
  usleep(30000);
  char buf[8];
  for (int i = 0; i < 6; i++)
    while (mq_receive(q, buf, sizeof(buf), NULL) < 0 && errno == EAGAIN)
      usleep(1000);
  return arg;
}

int main(int argc, char **argv) {
  char name[64];
  snprintf(name, sizeof(name), "/syncsan-nb-%d", (int)getpid());
  struct mq_attr attr = {.mq_maxmsg = 2, .mq_msgsize = 8};
  q = mq_open(name, O_CREAT | O_EXCL | O_RDWR | O_NONBLOCK, 0600, &attr);
  if (q == (mqd_t)-1) {
    perror("mq_open");
    return 2;
  }
  mq_unlink(name);
  if (argc > 1 && !strcmp(argv[1], "stall")) {
    int tries = 0;
    while (mq_send(q, "m", 2, 0) == 0 || (errno == EAGAIN && ++tries < 600))
      usleep(1000);
    printf("gave up after %d tries\n", tries);
    return 0;
  }
  pthread_t t;
  pthread_create(&t, NULL, drain, NULL);
  int again = 0;
  for (int i = 0; i < 3; i++)
    while (mq_send(q, "m", 2, 0) != 0 && errno == EAGAIN) {
      again++;
      usleep(1000);
    }
  struct mq_attr blocking = {.mq_flags = 0};
  mq_setattr(q, &blocking, NULL);
  for (int i = 0; i < 3; i++)
    mq_send(q, "b", 2, 0);
  pthread_join(t, NULL);
  printf("EAGAIN %s\n", again > 0 ? "seen" : "never");
  struct syncsan_queue_metrics m;
  if (syncsan_queue_metrics((void *)(intptr_t)q, &m) == 0)
    printf("pushes %llu pops %llu failed pushes %s\n", m.pushes, m.pops,
           m.failed_pushes == (unsigned long long)again ? "counted" : "miscounted");
  mq_close(q);
  return 0;
}
// CHECK: EAGAIN seen
// CHECK: pushes 6 pops 6 failed pushes counted
// STALL: ERROR: SyncSanitizer: queue-stall: thread T0 has retried a failing non-blocking push (mq_send) on queue '/syncsan-nb-{{[0-9]+}}' (0x{{[0-9a-f]+}}) for {{[0-9]+}} ms (2 of 2 items)
// STALL: #0 main {{.*}}mq-nonblock.c:{{[0-9]+}}
// STALL: gave up after 600 tries
