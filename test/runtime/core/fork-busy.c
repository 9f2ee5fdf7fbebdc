// fork() while other threads are inside the runtime: every child must run
// and exit. Without the runtime's atfork handlers a child could inherit a
// runtime lock (registry, lock table, graph) held by a thread that does not
// exist in the child, and spin on it forever (about one fork in twenty
// here). A child not done within 3 s counts as hung and is killed.
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: timeout 120 %t | FileCheck %s
// CHECK: forks: 150, hung: 0, failed: 0
#define _GNU_SOURCE
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <syncsan/syncsan.h>
#include <time.h>
#include <unistd.h>

#define WORKERS 3
#define FORKS 150

static volatile int stop;

static void *nothing(void *arg) { return arg; }

/* Every iteration goes through the registry, the lock table and the
 * lock-order graph: the slow paths that hold the runtime's locks. */
static void *busy(void *arg) {
  (void)arg;
  while (!stop) {
    syncsan_set_thread_name("busy");
    pthread_mutex_t a, b;
    pthread_mutex_init(&a, NULL);
    pthread_mutex_init(&b, NULL);
    pthread_mutex_lock(&a);
    pthread_mutex_lock(&b);
    pthread_mutex_unlock(&b);
    pthread_mutex_unlock(&a);
    pthread_mutex_destroy(&b);
    pthread_mutex_destroy(&a);
    pthread_t t;
    if (pthread_create(&t, NULL, nothing, NULL) == 0)
      pthread_join(t, NULL);
  }
  return NULL;
}

static void child(void) {
  pthread_mutex_t m;
  pthread_mutex_init(&m, NULL);
  pthread_mutex_lock(&m);
  pthread_mutex_unlock(&m);
  pthread_mutex_destroy(&m);
  syncsan_set_thread_name("child");
  pthread_t t;
  pthread_create(&t, NULL, nothing, NULL);
  pthread_join(t, NULL);
  exit(0);
}

int main(void) {
  pthread_t w[WORKERS];
  for (int i = 0; i < WORKERS; i++)
    pthread_create(&w[i], NULL, busy, NULL);
  int hung = 0, failed = 0;
  for (int i = 0; i < FORKS; i++) {
    pid_t pid = fork();
    if (pid == 0)
      child();
    int st = 0;
    /* A child that has not exited within 3 s is stuck: kill it. */
    for (int ms = 0; waitpid(pid, &st, WNOHANG) == 0; ms++) {
      if (ms == 3000) {
        kill(pid, SIGKILL);
        waitpid(pid, &st, 0);
        hung++;
        break;
      }
      struct timespec ts = {0, 1000000};
      nanosleep(&ts, NULL);
    }
    if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
      failed++;
  }
  stop = 1;
  for (int i = 0; i < WORKERS; i++)
    pthread_join(w[i], NULL);
  printf("forks: %d, hung: %d, failed: %d\n", FORKS, hung, failed);
  return 0;
}
