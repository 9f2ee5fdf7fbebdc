// Near-misses on POSIX message queues, silent: a producer and a consumer
// with a descriptor each (one queue to syncsan, found by its inode) over
// a queue of two messages, where the producer blocks on the full queue
// now and then, the consumer on the empty one; a timed receive that times
// out at the end (a failed pop, no stall). The metrics count every message
// once, through the handle of the first descriptor, and the exit profile
// names the queue by its name.
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: env SYNCSAN_OPTIONS=queue_stall_ms=200 %expect-exit 0 timeout 20 %t 2>&1 | FileCheck %s --implicit-check-not=SyncSanitizer
// RUN: env SYNCSAN_OPTIONS=queue_stall_ms=200:profile_queues=1 %expect-exit 0 timeout 20 %t 2>&1 | FileCheck %s --check-prefix=PROFILE
#include <errno.h>
#include <fcntl.h>
#include <mqueue.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <syncsan/syncsan.h>
#include <time.h>
#include <unistd.h>

#define N 2000

static char name[64];

static void *producer(void *arg) {
  mqd_t out = mq_open(name, O_WRONLY);
  for (int i = 0; i < N; i++) {
    if (mq_send(out, (const char *)&i, sizeof(i), 0) != 0)
      perror("mq_send");
    if (i % 500 == 0)
      usleep(20000); /* the consumer waits on the empty queue meanwhile */
  }
  mq_close(out);
  return arg;
}

int main(void) {
  snprintf(name, sizeof(name), "/syncsan-ok-%d", (int)getpid());
  struct mq_attr attr = {.mq_maxmsg = 2, .mq_msgsize = sizeof(int)};
  mqd_t in = mq_open(name, O_CREAT | O_EXCL | O_RDONLY, 0600, &attr);
  if (in == (mqd_t)-1) {
    perror("mq_open");
    return 2;
  }
  pthread_t t;
  pthread_create(&t, NULL, producer, NULL);
  long sum = 0;
  for (int i = 0; i < N; i++) {
    int v;
    if (mq_receive(in, (char *)&v, sizeof(v), NULL) != sizeof(v))
      perror("mq_receive");
    sum += v;
    if (i % 700 == 0)
      usleep(20000); /* the producer waits on the full queue meanwhile */
  }
  pthread_join(t, NULL);
  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  ts.tv_nsec += 10000000;
  if (ts.tv_nsec >= 1000000000) {
    ts.tv_sec++;
    ts.tv_nsec -= 1000000000;
  }
  int v;
  errno = 0;
  ssize_t late = mq_timedreceive(in, (char *)&v, sizeof(v), NULL, &ts);
  printf("sum %ld, late receive %zd %s\n", sum, late, errno == ETIMEDOUT ? "ETIMEDOUT" : "?");
  struct syncsan_queue_metrics m;
  if (syncsan_queue_metrics((void *)(intptr_t)in, &m) == 0)
    printf("pushes %llu pops %llu failed pops %llu capacity %llu max %llu\n", m.pushes, m.pops,
           m.failed_pops, m.capacity, m.occupancy_max);
  mq_close(in);
  mq_unlink(name);
  return 0;
}
// CHECK: sum 1999000, late receive -1 ETIMEDOUT
// CHECK: pushes 2000 pops 2000 failed pops 1 capacity 2 max {{[12]}}
// PROFILE: queue profile (profile_queues=1)
// PROFILE: '/syncsan-ok-{{[0-9]+}}' 1 2000 2000 0 1 0 {{[12]}} {{.*}} 2 {{.*}}
