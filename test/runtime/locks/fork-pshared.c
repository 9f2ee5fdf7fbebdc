// A PTHREAD_PROCESS_SHARED mutex held by the parent when it forks is still
// the parent's: the child that locks it waits until the parent releases
// it, which is no self-deadlock. Both with fork() (the runtime's fork
// handler drops the child's copy of the entry) and with _Fork(), which runs
// no fork handlers (the child's stack is then recognised as inherited when
// it locks the mutex). Near miss: a private mutex held at the fork is held
// in the child too, and locking it there is still a double-lock that ends
// the child.
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: %expect-exit 0 timeout 30 %t 2>&1 | FileCheck %s
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static pthread_mutex_t private_mu = PTHREAD_MUTEX_INITIALIZER;

static void pause_ms(long ms) {
  struct timespec ts = {0, ms * 1000 * 1000};
  nanosleep(&ts, NULL);
}

static void shared_held_at_fork(const char *how, pid_t (*do_fork)(void)) {
  pthread_mutex_t *m =
      mmap(NULL, sizeof(*m), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  pthread_mutexattr_t a;
  pthread_mutexattr_init(&a);
  pthread_mutexattr_setpshared(&a, PTHREAD_PROCESS_SHARED);
  pthread_mutex_init(m, &a);
  pthread_mutex_lock(m);
  fflush(stderr);
  pid_t pid = do_fork();
  if (pid == 0) {
    pthread_mutex_lock(m); /* waits for the parent: not a double-lock */
    pthread_mutex_unlock(m);
    fprintf(stderr, "%s child: acquired\n", how);
    exit(0); /* holds nothing */
  }
  pause_ms(200);
  pthread_mutex_unlock(m);
  int st;
  waitpid(pid, &st, 0);
  fprintf(stderr, "%s child: exit %d\n", how, WIFEXITED(st) ? WEXITSTATUS(st) : -1);
  pthread_mutex_destroy(m);
}

int main(void) {
  shared_held_at_fork("fork", fork);
  shared_held_at_fork("_Fork", _Fork);

  pthread_mutex_lock(&private_mu);
  fflush(stderr);
  pid_t pid = fork();
  if (pid == 0) {
    pthread_mutex_lock(&private_mu); /* the child's own copy, locked: hangs */
    exit(0);
  }
  int st;
  waitpid(pid, &st, 0);
  fprintf(stderr, "private child: exit %d\n", WIFEXITED(st) ? WEXITSTATUS(st) : -1);
  pthread_mutex_unlock(&private_mu);
  return 0;
}
// CHECK-NOT: SyncSanitizer: {{[a-z-]+}}:
// CHECK: fork child: acquired
// CHECK-NEXT: fork child: exit 0
// CHECK-NOT: SyncSanitizer: {{[a-z-]+}}:
// CHECK: _Fork child: acquired
// CHECK-NEXT: _Fork child: exit 0
// CHECK: ERROR: SyncSanitizer: double-lock: thread T0 acquires mutex M{{[0-9]+}} 'private_mu' (0x{{[0-9a-f]+}}) that it already holds; the thread would block on itself forever
// CHECK: SUMMARY: SyncSanitizer: double-lock {{.*}}fork-pshared.c:59 in main
// CHECK: syncsan: ending the process
// CHECK: private child: exit 66
// CHECK-NOT: SyncSanitizer: {{[a-z-]+}}:
