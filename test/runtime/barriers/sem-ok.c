// A correct bounded producer/consumer over 10,000 items with two
// semaphores (free slots, filled slots), sem_trywait that finds the value
// 0 (EAGAIN), a sem_timedwait that times out (ETIMEDOUT) and one that
// gets its unit, a sem_clockwait with a bad clock (EINVAL) and one that
// succeeds, and a destroy after everyone is done: silent, and every
// result and errno is the C library's.
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: env SYNCSAN_OPTIONS=sem_timeout_ms=50 %expect-exit 0 %t 2>&1 | FileCheck %s --implicit-check-not=SyncSanitizer
// CHECK: sum 49995000
// CHECK: trywait -1 EAGAIN
// CHECK: timedwait -1 ETIMEDOUT
// CHECK: timedwait 0
// CHECK: clockwait -1 EINVAL
// CHECK: clockwait 0
// CHECK: destroyed
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#define N 10000
static sem_t filled, free_slots;
static int ring[8];

static void *producer(void *arg) {
  for (int i = 0; i < N; i++) {
    sem_wait(&free_slots);
    ring[i % 8] = i;
    sem_post(&filled);
  }
  return arg;
}

static const char *err(int e) {
  return e == EAGAIN ? "EAGAIN" : e == ETIMEDOUT ? "ETIMEDOUT" : e == EINVAL ? "EINVAL" : "?";
}

static struct timespec in_ms(clockid_t clock, long ms) {
  struct timespec ts;
  clock_gettime(clock, &ts);
  ts.tv_nsec += ms * 1000000;
  ts.tv_sec += ts.tv_nsec / 1000000000;
  ts.tv_nsec %= 1000000000;
  return ts;
}

int main(void) {
  sem_init(&filled, 0, 0);
  sem_init(&free_slots, 0, 8);
  pthread_t t;
  pthread_create(&t, NULL, producer, NULL);
  long sum = 0;
  for (int i = 0; i < N; i++) {
    sem_wait(&filled);
    sum += ring[i % 8];
    sem_post(&free_slots);
  }
  pthread_join(t, NULL);
  printf("sum %ld\n", sum);

  errno = 0;
  int rc = sem_trywait(&filled);
  printf("trywait %d %s\n", rc, err(errno));
  /* Longer than sem_timeout_ms: a wait with a timeout is never a stall. */
  struct timespec ts = in_ms(CLOCK_REALTIME, 200);
  rc = sem_timedwait(&filled, &ts);
  printf("timedwait %d %s\n", rc, err(errno));
  sem_post(&filled);
  ts = in_ms(CLOCK_REALTIME, 200);
  errno = 0;
  rc = sem_timedwait(&filled, &ts);
  printf("timedwait %d\n", rc);
  ts = in_ms(CLOCK_MONOTONIC, 200);
  rc = sem_clockwait(&filled, 12345, &ts);
  printf("clockwait %d %s\n", rc, err(errno));
  sem_post(&filled);
  rc = sem_clockwait(&filled, CLOCK_MONOTONIC, &ts);
  printf("clockwait %d\n", rc);
  sem_destroy(&filled);
  sem_destroy(&free_slots);
  /* Initialised again: a new semaphore, fine to use. */
  sem_init(&filled, 0, 1);
  sem_wait(&filled);
  sem_destroy(&filled);
  printf("destroyed\n");
  return 0;
}
