// POSIX message queues used only by code the pass never compiled (a
// channel in a library, and the program itself built with plain clang)
// are seen through the interposers: a correct producer and consumer is
// silent, a receive with no sender left is a queue-stall, a send after the
// close is queue-send-after-close (EBADF returned as it is). Sites are the
// library's, named by the symbolizer.
// RUN: %clang %O -g -fPIC -shared %S/Inputs/mq-lib.c -o %t-lib.so
// RUN: %syncsan-cc %O -g %s %t-lib.so -o %t
// RUN: env SYNCSAN_OPTIONS=queue_stall_ms=200 %expect-exit 0 timeout 10 %t ok 2>&1 | FileCheck %s --check-prefix=OK --implicit-check-not=SyncSanitizer
// RUN: env SYNCSAN_OPTIONS=queue_stall_ms=200 %expect-exit 124 timeout 2 %t stall 2>&1 | FileCheck %s --check-prefix=STALL
// RUN: %expect-exit 66 timeout 10 %t send 2>&1 | FileCheck %s --check-prefix=SEND
// RUN: %clang %O -g -c %s -o %t-plain.o
// RUN: %syncsan-cc %t-plain.o %t-lib.so -o %t-plain
// RUN: env SYNCSAN_OPTIONS=queue_stall_ms=200 %expect-exit 0 timeout 10 %t-plain ok 2>&1 | FileCheck %s --check-prefix=OK --implicit-check-not=SyncSanitizer
// RUN: env SYNCSAN_OPTIONS=queue_stall_ms=200 %expect-exit 124 timeout 2 %t-plain stall 2>&1 | FileCheck %s --check-prefix=STALL
// RUN: %expect-exit 66 timeout 10 %t-plain send 2>&1 | FileCheck %s --check-prefix=SEND
#include <errno.h>
#include <mqueue.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

mqd_t chan_open(long capacity);
int chan_send(mqd_t q, int v);
int chan_recv(mqd_t q);
int chan_close(mqd_t q);

static mqd_t q;

static void *producer(void *arg) {
  for (int i = 0; i < 100; i++)
    chan_send(q, i);
  return arg;
}

int main(int argc, char **argv) {
  const char *mode = argc > 1 ? argv[1] : "ok";
  q = chan_open(4);
  if (q == (mqd_t)-1) {
    perror("chan_open");
    return 2;
  }
  pthread_t t;
  pthread_create(&t, NULL, producer, NULL);
  long sum = 0;
  for (int i = 0; i < 100; i++)
    sum += chan_recv(q);
  pthread_join(t, NULL);
  if (!strcmp(mode, "stall"))
    chan_recv(q);
  chan_close(q);
  if (!strcmp(mode, "send")) {
    int rc = chan_send(q, 1);
    printf("late send %d %s\n", rc, errno == EBADF ? "EBADF" : "?");
  }
  printf("sum %ld\n", sum);
  return 0;
}
// OK: sum 4950
// STALL: ERROR: SyncSanitizer: queue-stall: thread T0 has been blocked popping from queue '/syncsan-lib-{{[0-9]+}}' (0x{{[0-9a-f]+}}) for {{[0-9]+}} ms (0 of 4 items)
// STALL-NEXT: Thread T0 waits in mq_receive{{( at)?}}:
// STALL-NEXT: #0 {{chan_recv .*mq-lib.c|main .*mq-uninstrumented.c}}:{{[0-9]+}}
// STALL: (capacity 4) was created by thread T0 at:
// STALL-NEXT: #0 {{chan_open .*mq-lib.c|main .*mq-uninstrumented.c}}:{{[0-9]+}}
// STALL: every one of them has exited
// STALL-NOT: sum
// SEND: ERROR: SyncSanitizer: queue-send-after-close: push (mq_send) to queue '/syncsan-lib-{{[0-9]+}}'
// SEND-NEXT: Push by thread T0:
// SEND-NEXT: #0 {{chan_send .*mq-lib.c|main .*mq-uninstrumented.c}}:{{[0-9]+}}
// SEND: late send -1 EBADF
// SEND: sum 4950
