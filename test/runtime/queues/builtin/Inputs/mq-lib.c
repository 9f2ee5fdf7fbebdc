/* A channel of ints over a POSIX message queue, built without syncsan (a
 * distribution library): its mq_* calls reach the runtime through the
 * interposers only. */
#include <fcntl.h>
#include <mqueue.h>
#include <stdio.h>
#include <unistd.h>

mqd_t chan_open(long capacity) {
  char name[64];
  snprintf(name, sizeof(name), "/syncsan-lib-%d", (int)getpid());
  struct mq_attr attr = {.mq_maxmsg = capacity, .mq_msgsize = sizeof(int)};
  mqd_t q = mq_open(name, O_CREAT | O_EXCL | O_RDWR, 0600, &attr);
  mq_unlink(name);
  return q;
}

int chan_send(mqd_t q, int v) { return mq_send(q, (const char *)&v, sizeof(v), 0); }

int chan_recv(mqd_t q) {
  int v = -1;
  if (mq_receive(q, (char *)&v, sizeof(v), NULL) < 0)
    return -1;
  return v;
}

int chan_close(mqd_t q) { return mq_close(q); }
