// A signal handler that takes a lock, landing while its thread is inside the
// runtime (learning lock order under the graph lock, looking a lock up in
// the table): the hook it enters sees the thread inside the runtime and
// performs only the real operation. Before, it waited for the runtime lock
// its own thread held, forever.
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: env SYNCSAN_OPTIONS=lock_order_by_instance=1 timeout 60 %t 2>&1 | FileCheck %s
// CHECK-NOT: SyncSanitizer
// CHECK: pairs: 130560, signals handled: {{[1-9][0-9]*}}
// CHECK-NOT: SyncSanitizer
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <sys/time.h>

#define N 256

static pthread_mutex_t locks[N];
static pthread_mutex_t handler_lock = PTHREAD_MUTEX_INITIALIZER;
static volatile sig_atomic_t handled;

static void on_alarm(int sig) {
  (void)sig;
  pthread_mutex_lock(&handler_lock);
  handled++;
  pthread_mutex_unlock(&handler_lock);
}

int main(void) {
  for (int i = 0; i < N; i++)
    pthread_mutex_init(&locks[i], NULL);
  struct sigaction sa = {0};
  sa.sa_handler = on_alarm;
  sa.sa_flags = SA_RESTART;
  sigaction(SIGALRM, &sa, NULL);
  struct itimerval it = {{0, 100}, {0, 100}};
  setitimer(ITIMER_REAL, &it, NULL);
  /* Every pair is a chain of instances that the thread's chain cache
   * cannot hold: each acquisition of j runs the slow path that learns an
   * edge under the graph lock. */
  int pairs = 0;
  for (int round = 0; round < 4; round++)
    for (int i = 0; i < N; i++)
      for (int j = i + 1; j < N; j++) {
        pthread_mutex_lock(&locks[i]);
        pthread_mutex_lock(&locks[j]);
        pthread_mutex_unlock(&locks[j]);
        pthread_mutex_unlock(&locks[i]);
        pairs++;
      }
  struct itimerval off = {{0, 0}, {0, 0}};
  setitimer(ITIMER_REAL, &off, NULL);
  printf("pairs: %d, signals handled: %d\n", pairs, (int)handled);
  return 0;
}
