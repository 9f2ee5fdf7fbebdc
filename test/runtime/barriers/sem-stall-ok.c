// Near misses of sem-stall, each waiting several sem_timeout_ms: the only
// poster is alive and busy (sleeping) before its next post; the poster is
// blocked on a lock whose holder is running (it sleeps, then lets go); a
// pool of waiters on one semaphore fed in slow batches; and waits with a
// timeout, which end by themselves however long they take.
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: env SYNCSAN_OPTIONS=sem_timeout_ms=100:sem_stall_action=abort %expect-exit 0 timeout 20 %t 2>&1 | FileCheck %s --implicit-check-not=SyncSanitizer
// CHECK: busy ok
// CHECK: lock ok
// CHECK: pool ok
// CHECK: timed ok
#include <errno.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

static sem_t s;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static int consumed;

static void *busy_poster(void *arg) {
  sem_post(&s);
  usleep(400000);
  sem_post(&s);
  return arg;
}

static void *lock_poster(void *arg) {
  sem_post(&s);
  pthread_mutex_lock(&lock); /* held by a thread that is sleeping */
  sem_post(&s);
  pthread_mutex_unlock(&lock);
  return arg;
}

static void *holder(void *arg) {
  pthread_mutex_lock(&lock);
  usleep(400000);
  pthread_mutex_unlock(&lock);
  return arg;
}

static void *consumer(void *arg) {
  for (int i = 0; i < 3; i++) {
    sem_wait(&s);
    __atomic_fetch_add(&consumed, 1, __ATOMIC_RELAXED);
  }
  return arg;
}

int main(void) {
  pthread_t t, h, pool[4];
  sem_init(&s, 0, 0);
  pthread_create(&t, NULL, busy_poster, NULL);
  sem_wait(&s);
  sem_wait(&s);
  pthread_join(t, NULL);
  printf("busy ok\n");

  pthread_create(&h, NULL, holder, NULL);
  usleep(20000); /* the holder has the lock */
  pthread_create(&t, NULL, lock_poster, NULL);
  sem_wait(&s);
  sem_wait(&s);
  pthread_join(t, NULL);
  pthread_join(h, NULL);
  printf("lock ok\n");

  for (int i = 0; i < 4; i++)
    pthread_create(&pool[i], NULL, consumer, NULL);
  for (int batch = 0; batch < 3; batch++) {
    usleep(250000);
    for (int i = 0; i < 4; i++)
      sem_post(&s);
  }
  for (int i = 0; i < 4; i++)
    pthread_join(pool[i], NULL);
  printf("pool ok %d\n", consumed);

  int timeouts = 0;
  for (int i = 0; i < 3; i++) {
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    ts.tv_nsec += 150 * 1000000;
    ts.tv_sec += ts.tv_nsec / 1000000000;
    ts.tv_nsec %= 1000000000;
    if (sem_timedwait(&s, &ts) == -1 && errno == ETIMEDOUT)
      timeouts++;
  }
  printf("timed ok %d\n", timeouts);
  return 0;
}
