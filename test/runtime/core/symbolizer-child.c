// The symbolizer is a child process the program never sees: after a report
// started it, wait() finds no child and no SIGCHLD arrives. A forked child
// starts its own symbolizer (the parent's connection is the parent's) and
// its report is symbolized too.
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: %expect-exit 66 %t 2>&1 | FileCheck %s
// CHECK: ERROR: SyncSanitizer: unlock-not-held
// CHECK: #1 in_parent {{.*}}symbolizer-child.c:[[#@LINE+24]]
// CHECK: wait: no child, no SIGCHLD
// CHECK: ERROR: SyncSanitizer: unlock-not-held
// CHECK: #0 in_child {{.*}}symbolizer-child.c:[[#@LINE+26]]
// CHECK-NEXT: #1 main {{.*}}symbolizer-child.c:[[#@LINE+38]]
// CHECK: child exited 66
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

static pthread_mutex_t a = PTHREAD_MUTEX_INITIALIZER, b = PTHREAD_MUTEX_INITIALIZER;
static volatile sig_atomic_t chld;

static void on_chld(int sig) { (void)sig; chld = 1; }

__attribute__((noinline)) void release(pthread_mutex_t *m) {
  pthread_mutex_unlock(m);
  __asm__ volatile("" ::: "memory");
}

__attribute__((noinline)) void in_parent(void) {
  release(&a);
  __asm__ volatile("" ::: "memory");
}

__attribute__((noinline)) void in_child(void) {
  pthread_mutex_unlock(&b); /* its own site: not a repeat of the parent's */
  __asm__ volatile("" ::: "memory");
}

int main(void) {
  signal(SIGCHLD, on_chld);
  in_parent();
  errno = 0;
  if (wait(NULL) == -1 && errno == ECHILD && !chld)
    fprintf(stderr, "wait: no child, no SIGCHLD\n");
  fflush(stderr);
  pid_t p = fork();
  if (p == 0) {
    in_child();
    return 0;
  }
  int st;
  waitpid(p, &st, 0);
  fprintf(stderr, "child exited %d\n", WIFEXITED(st) ? WEXITSTATUS(st) : -1);
  return 0;
}
