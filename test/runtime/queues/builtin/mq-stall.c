// queue-stall on a POSIX message queue: main waits in mq_receive for a
// second message that the only thread that ever sent one will never send:
// it has exited. Reported after queue_stall_ms; by default main is left
// waiting (`timeout` ends it: 124). With the queue's policy saying fail,
// the stalled receive is made as mq_timedreceive and fails the way a
// receive fails: -1, ETIMEDOUT.
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: env SYNCSAN_OPTIONS=queue_stall_ms=200 %expect-exit 124 timeout 2 %t report 2>&1 | FileCheck %s --check-prefixes=CHECK,REPORT
// RUN: env SYNCSAN_OPTIONS=queue_stall_ms=200 %expect-exit 66 timeout 10 %t fail 2>&1 | FileCheck %s --check-prefixes=CHECK,FAIL
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

static void *sender(void *arg) {
  mq_send(q, "one", 4, 0); /* one result; the second job never ran */
  return arg;
}

int main(int argc, char **argv) {
  const char *mode = argc > 1 ? argv[1] : "report";
  setvbuf(stdout, NULL, _IONBF, 0);
  char name[64];
  snprintf(name, sizeof(name), "/syncsan-stall-%d", (int)getpid());
  struct mq_attr attr = {.mq_maxmsg = 8, .mq_msgsize = 16};
  q = mq_open(name, O_CREAT | O_EXCL | O_RDWR, 0600, &attr);
  if (q == (mqd_t)-1) {
    perror("mq_open");
    return 2;
  }
  mq_unlink(name);
  if (!strcmp(mode, "fail")) {
    struct syncsan_queue_policy fail = {.stall_action = SYNCSAN_QUEUE_FAIL};
    syncsan_queue_set_policy((void *)(intptr_t)q, &fail);
  }
  pthread_t t;
  pthread_create(&t, NULL, sender, NULL);
  pthread_join(t, NULL);
  char buf[16];
  for (int i = 0; i < 2; i++) {
    errno = 0;
    ssize_t n = mq_receive(q, buf, sizeof(buf), NULL);
    printf("receive %d: %zd %s\n", i, n, errno == ETIMEDOUT ? "ETIMEDOUT" : "");
  }
  return 0;
}
// CHECK: receive 0: 4
// CHECK: ERROR: SyncSanitizer: queue-stall: thread T0 has been blocked popping from queue '/syncsan-stall-{{[0-9]+}}' (0x{{[0-9a-f]+}}) for {{[0-9]+}} ms (0 of 8 items)
// CHECK-NEXT: Thread T0 waits in mq_receive{{( at)?}}:
// CHECK-NEXT: #0 main {{.*}}mq-stall.c:49:{{[0-9]+}}
// CHECK: (capacity 8) was created by thread T0 at:
// CHECK-NEXT: #0 main {{.*}}mq-stall.c:33:{{[0-9]+}}
// CHECK: threads that pushed to it:
// CHECK-NEXT: T1: exited
// CHECK-NEXT: every one of them has exited
// FAIL: the pop is made to fail (stall action fail, from the queue's policy)
// CHECK: SUMMARY: SyncSanitizer: queue-stall {{.*}}mq-stall.c:49
// REPORT-NOT: receive 1
// FAIL: receive 1: -1 ETIMEDOUT
