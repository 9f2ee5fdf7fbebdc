// libuv's fork pattern (its fork_threadpool_queue_work_simple test): pool
// threads wait on a condvar, one of them holds the pool mutex, the process
// forks, and the child, where no pool thread exists, initialises the mutex
// and the condvar again and uses them. The threads of the parent are gone in
// the child: what they held or waited on is no destroy-locked there.
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: timeout 60 %t 2>&1 | FileCheck %s
// CHECK-NOT: SyncSanitizer
// CHECK: child done
// CHECK-NOT: SyncSanitizer
// CHECK: parent done, child status 0
// CHECK-NOT: SyncSanitizer
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

static pthread_mutex_t mutex;
static pthread_cond_t cond;
static int idle_workers, quit;
static int taken[2]; /* the holder tells main it holds the mutex */
static int go[2];    /* main lets the holder go */

static void *worker(void *arg) {
  pthread_mutex_lock(&mutex);
  idle_workers++;
  pthread_cond_broadcast(&cond);
  while (!quit)
    pthread_cond_wait(&cond, &mutex);
  pthread_mutex_unlock(&mutex);
  return arg;
}

/* A pool thread in the middle of taking work: it holds the mutex across
 * the fork (blocked on a pipe, not on a lock). */
static void *holder(void *arg) {
  char c;
  pthread_mutex_lock(&mutex);
  (void)!write(taken[1], "x", 1);
  (void)!read(go[0], &c, 1);
  pthread_mutex_unlock(&mutex);
  return arg;
}

static void pool_init(void) {
  pthread_mutex_init(&mutex, NULL);
  pthread_cond_init(&cond, NULL);
}

int main(void) {
  char c;
  if (pipe(taken) || pipe(go))
    return 1;
  pool_init();
  pthread_t w[2], h;
  for (int i = 0; i < 2; i++)
    pthread_create(&w[i], NULL, worker, NULL);
  pthread_mutex_lock(&mutex);
  while (idle_workers < 2)
    pthread_cond_wait(&cond, &mutex);
  pthread_mutex_unlock(&mutex);
  pthread_create(&h, NULL, holder, NULL);
  (void)!read(taken[0], &c, 1);

  pid_t pid = fork();
  if (pid == 0) {
    pool_init();
    pthread_mutex_lock(&mutex);
    pthread_cond_signal(&cond);
    pthread_mutex_unlock(&mutex);
    pthread_cond_destroy(&cond);
    pthread_mutex_destroy(&mutex);
    printf("child done\n");
    fflush(stdout);
    exit(0);
  }
  int st;
  waitpid(pid, &st, 0);
  (void)!write(go[1], "x", 1);
  pthread_join(h, NULL);
  pthread_mutex_lock(&mutex);
  quit = 1;
  pthread_cond_broadcast(&cond);
  pthread_mutex_unlock(&mutex);
  for (int i = 0; i < 2; i++)
    pthread_join(w[i], NULL);
  printf("parent done, child status %d\n", WIFEXITED(st) ? WEXITSTATUS(st) : -1);
  return 0;
}
