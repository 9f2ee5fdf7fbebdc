// queue-stall of a blocking mq_send: main sends to a full queue of two
// whose only receiver has received once and exited. The stall listener
// is asked on the stalled thread (mq_send has a timed form, mq_timedsend)
// and answers fail: the send is made as mq_timedsend and fails the way a
// send fails, -1 with ETIMEDOUT, and the program goes on. A listener that
// answers wait keeps it waiting, with no report (`timeout` ends it).
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: env SYNCSAN_OPTIONS=queue_stall_ms=200 %expect-exit 66 timeout 10 %t fail 2>&1 | FileCheck %s --check-prefix=FAIL
// RUN: env SYNCSAN_OPTIONS=queue_stall_ms=200 %expect-exit 124 timeout 2 %t wait 2>&1 | FileCheck %s --check-prefix=WAIT --implicit-check-not=SyncSanitizer
#include <errno.h>
#include <fcntl.h>
#include <mqueue.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <syncsan/syncsan.h>
#include <unistd.h>

static mqd_t q;

static int on_stall(const struct syncsan_queue_stall *s, void *arg) {
  printf("listener: push %d, %lu of %lu, other side alive %d, in %s\n", s->push, s->occupancy,
         s->capacity, s->other_side_alive, s->function);
  return *(int *)arg;
}

static void *receiver(void *arg) {
  char buf[8];
  mq_receive(q, buf, sizeof(buf), NULL);
  return arg;
}

int main(int argc, char **argv) {
  setvbuf(stdout, NULL, _IONBF, 0);
  int action = argc > 1 && !strcmp(argv[1], "wait") ? SYNCSAN_QUEUE_WAIT : SYNCSAN_QUEUE_FAIL;
  syncsan_queue_on_stall(on_stall, &action);
  char name[64];
  snprintf(name, sizeof(name), "/syncsan-send-stall-%d", (int)getpid());
  struct mq_attr attr = {.mq_maxmsg = 2, .mq_msgsize = 8};
  q = mq_open(name, O_CREAT | O_EXCL | O_RDWR, 0600, &attr);
  if (q == (mqd_t)-1) {
    perror("mq_open");
    return 2;
  }
  mq_unlink(name);
  pthread_t t;
  pthread_create(&t, NULL, receiver, NULL);
  mq_send(q, "1", 2, 0);
  pthread_join(t, NULL);
  for (int i = 2; i <= 4; i++) {
    errno = 0;
    int rc = mq_send(q, "n", 2, 0);
    printf("send %d: %d %s\n", i, rc, errno == ETIMEDOUT ? "ETIMEDOUT" : "");
  }
  return 0;
}
// FAIL: send 3: 0
// FAIL: listener: push 1, 2 of 2, other side alive 0, in mq_send
// FAIL: ERROR: SyncSanitizer: queue-stall: thread T0 has been blocked pushing to queue '/syncsan-send-stall-{{[0-9]+}}' (0x{{[0-9a-f]+}}) for {{[0-9]+}} ms (2 of 2 items)
// FAIL: Thread T0 waits in mq_send{{( at)?}}:
// FAIL-NEXT: #0 main {{.*}}mq-send-stall.c:52:{{[0-9]+}}
// FAIL: threads that popped from it:
// FAIL-NEXT: T1: exited
// FAIL: SUMMARY: SyncSanitizer: queue-stall {{.*}}mq-send-stall.c:52 in main
// FAIL: send 4: -1 ETIMEDOUT
// WAIT: send 3: 0
// WAIT: listener: push 1, 2 of 2, other side alive 0, in mq_send
// WAIT-NOT: send 4
