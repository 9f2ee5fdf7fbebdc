/* A real deadlock: each thread holds one lock and waits for the other's.
 * Without syncsan this program hangs forever; with it, the lock-order cycle
 * is reported before the second thread blocks, and after one second the
 * watchdog reports the deadlock itself and ends the process (status 66). */
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t left = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t right = PTHREAD_MUTEX_INITIALIZER;
static pthread_barrier_t both_hold;

static void *one(void *arg) {
  pthread_mutex_lock(&left);
  pthread_barrier_wait(&both_hold);
  pthread_mutex_lock(&right);
  pthread_mutex_unlock(&right);
  pthread_mutex_unlock(&left);
  return arg;
}

static void *two(void *arg) {
  pthread_mutex_lock(&right);
  pthread_barrier_wait(&both_hold);
  pthread_mutex_lock(&left);
  pthread_mutex_unlock(&left);
  pthread_mutex_unlock(&right);
  return arg;
}

int main(void) {
  pthread_t a, b;
  pthread_barrier_init(&both_hold, NULL, 2);
  pthread_create(&a, NULL, one, NULL);
  pthread_create(&b, NULL, two, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  printf("never printed\n");
  return 0;
}
