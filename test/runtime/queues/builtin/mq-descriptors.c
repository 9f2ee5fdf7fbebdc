// One message queue, several descriptors: a second mq_open of the name
// and a dup are the same queue to syncsan (its handle stays the first
// descriptor's number), closing one descriptor while another stays open
// closes nothing, and a new queue whose descriptor gets the first one's
// number meanwhile is another queue, with a handle of its own. Closing
// the last descriptor closes the queue: a send on it is then
// queue-send-after-close.
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: %expect-exit 66 %t 2>&1 | FileCheck %s
#include <fcntl.h>
#include <mqueue.h>
#include <stdint.h>
#include <stdio.h>
#include <syncsan/syncsan.h>
#include <unistd.h>

static unsigned long long pushes(const void *handle) {
  struct syncsan_queue_metrics m;
  return syncsan_queue_metrics(handle, &m) == 0 ? m.pushes : 999;
}

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  char a_name[64], b_name[64];
  snprintf(a_name, sizeof(a_name), "/syncsan-desc-a-%d", (int)getpid());
  snprintf(b_name, sizeof(b_name), "/syncsan-desc-b-%d", (int)getpid());
  struct mq_attr attr = {.mq_maxmsg = 8, .mq_msgsize = 8};
  mqd_t a1 = mq_open(a_name, O_CREAT | O_EXCL | O_RDWR, 0600, &attr);
  mqd_t a2 = mq_open(a_name, O_RDWR);
  mq_unlink(a_name);
  void *a = (void *)(intptr_t)a1;
  mq_send(a2, "x", 2, 0);
  mq_close(a1); /* a2 keeps the queue open */
  mq_send(a2, "x", 2, 0);
  mqd_t b = mq_open(b_name, O_CREAT | O_EXCL | O_RDWR, 0600, &attr);
  mq_unlink(b_name);
  mq_send(b, "y", 2, 0);
  int a3 = dup(a2);
  mq_send(a3, "x", 2, 0);
  printf("b took a1's number: %s; a: %llu pushes\n", b == a1 ? "yes" : "no", pushes(a));
  mq_close(a2);
  mq_close(a3); /* the last: a is closed */
  mq_send(a3, "late", 5, 0);
  mq_close(b);
  return 0;
}
// CHECK: b took a1's number: yes; a: 3 pushes
// CHECK: ERROR: SyncSanitizer: queue-send-after-close: push (mq_send) to queue '/syncsan-desc-a-{{[0-9]+}}' (0x{{[0-9a-f]+}}) after it was closed
// CHECK: was closed (mq_close) by thread T0 at:
// CHECK-NEXT: #0 main {{.*}}mq-descriptors.c:42:{{[0-9]+}}
// CHECK-NOT: ERROR: SyncSanitizer
