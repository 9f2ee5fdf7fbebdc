// POSIX message queues are built-in queues: the pass rewrites their calls
// into hooks (IR), and a descriptor this process closed is a closed queue.
// Sending on it is queue-send-after-close, closing it again
// queue-double-close, receiving from it (drained) queue-recv-after-close;
// the C library's EBADF comes back unchanged.
// RUN: %syncsan-cc %O -g -S -emit-llvm %s -o - | FileCheck %s --check-prefix=IR
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: %expect-exit 66 %t send 2>&1 | FileCheck %s --check-prefix=SEND
// RUN: %expect-exit 66 %t close 2>&1 | FileCheck %s --check-prefix=CLOSE
// RUN: %expect-exit 66 %t receive 2>&1 | FileCheck %s --check-prefix=RECEIVE
// RUN: %expect-exit 0 %t ok 2>&1 | FileCheck %s --check-prefix=OK --implicit-check-not=SyncSanitizer
#include <errno.h>
#include <fcntl.h>
#include <mqueue.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv) {
  const char *mode = argc > 1 ? argv[1] : "ok";
  char name[64];
  snprintf(name, sizeof(name), "/syncsan-misuse-%d", (int)getpid());
  struct mq_attr attr = {.mq_maxmsg = 4, .mq_msgsize = 16};
  /* The first report starts syncsan's symbolizer, whose descriptors take
   * the lowest free numbers: a few are left free below the queue's, so
   * that the number closed twice is not reused in between. */
  int spare[4];
  for (int i = 0; i < 4; i++)
    spare[i] = open("/dev/null", O_RDONLY);
  mqd_t q = mq_open(name, O_CREAT | O_EXCL | O_RDWR, 0600, &attr);
  for (int i = 0; i < 4; i++)
    close(spare[i]);
  if (q == (mqd_t)-1) {
    perror("mq_open");
    return 2;
  }
  mq_unlink(name);
  char buf[16];
  mq_send(q, "job", 4, 0);
  mq_receive(q, buf, sizeof(buf), NULL);
  mq_close(q);
  int rc = 0;
  errno = 0;
  if (!strcmp(mode, "send"))
    rc = mq_send(q, "late", 5, 0);
  else if (!strcmp(mode, "close"))
    rc = mq_close(q);
  else if (!strcmp(mode, "receive"))
    rc = (int)mq_receive(q, buf, sizeof(buf), NULL);
  printf("%s: rc=%d %s\n", mode, rc, errno == EBADF ? "EBADF" : errno ? "other" : "ok");
  return 0;
}
// IR-DAG: call {{.*}}@__syncsan_mq_send(
// IR-DAG: call {{.*}}@__syncsan_mq_receive(
// IR-DAG: call {{.*}}@__syncsan_mq_close(
// SEND: ERROR: SyncSanitizer: queue-send-after-close: push (mq_send) to queue '/syncsan-misuse-{{[0-9]+}}' (0x{{[0-9a-f]+}}) after it was closed
// SEND-NEXT: Push by thread T0:
// SEND-NEXT: #0 main {{.*}}mq-misuse.c:45:{{[0-9]+}}
// SEND-NEXT: queue '/syncsan-misuse-{{[0-9]+}}' (0x{{[0-9a-f]+}}) was closed (mq_close) by thread T0 at:
// SEND-NEXT: #0 main {{.*}}mq-misuse.c:41:{{[0-9]+}}
// SEND-NEXT: queue '/syncsan-misuse-{{[0-9]+}}' (0x{{[0-9a-f]+}}) (capacity 4) was created by thread T0 at:
// SEND-NEXT: #0 main {{.*}}mq-misuse.c:30:{{[0-9]+}}
// SEND: SUMMARY: SyncSanitizer: queue-send-after-close {{.*}}mq-misuse.c:45
// SEND: send: rc=-1 EBADF
// CLOSE: ERROR: SyncSanitizer: queue-double-close:
// CLOSE: #0 main {{.*}}mq-misuse.c:47:{{[0-9]+}}
// CLOSE: was closed (mq_close) by thread T0 at:
// CLOSE-NEXT: #0 main {{.*}}mq-misuse.c:41:{{[0-9]+}}
// CLOSE: SUMMARY: SyncSanitizer: queue-double-close {{.*}}mq-misuse.c:47
// CLOSE: close: rc=-1 EBADF
// OK: ok: rc=0 ok
// RECEIVE: ERROR: SyncSanitizer: queue-recv-after-close:
// RECEIVE: #0 main {{.*}}mq-misuse.c:49:{{[0-9]+}}
// RECEIVE: SUMMARY: SyncSanitizer: queue-recv-after-close {{.*}}mq-misuse.c:49
// RECEIVE: receive: rc=-1 EBADF
