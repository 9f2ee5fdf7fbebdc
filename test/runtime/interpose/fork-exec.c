// A program with interposers that forks and execs keeps working: the child
// (a copy of the forking thread) takes the library's locks through the
// interposers, then execs a program of its own (itself, in a mode that
// takes the locks in the other order: a new process, with nothing learnt),
// and its exit status comes back to the parent. Only the parent's own
// inversion, afterwards, is reported.
// RUN: %clang %O -g -fPIC -shared %S/Inputs/pair-lib.c -o %t-lib.so
// RUN: %syncsan-cc %O -g %s %t-lib.so -o %t
// RUN: %expect-exit 66 %t 2>&1 | FileCheck %s
// CHECK: child exited 7
// CHECK: ERROR: SyncSanitizer: lock-order-inversion: lock order cycle of 2 locks (potential deadlock): 'm2' -> 'm1' -> 'm2'
// CHECK: SUMMARY: SyncSanitizer: lock-order-inversion
// CHECK: 1 error report
// CHECK-NOT: SyncSanitizer
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

void lib_lock_pair(pthread_mutex_t *a, pthread_mutex_t *b);

static pthread_mutex_t m1 = PTHREAD_MUTEX_INITIALIZER, m2 = PTHREAD_MUTEX_INITIALIZER;

int main(int argc, char **argv) {
  if (argc > 1 && !strcmp(argv[1], "exec")) {
    lib_lock_pair(&m2, &m1);
    return 7;
  }
  lib_lock_pair(&m1, &m2);
  pid_t pid = fork();
  if (pid == 0) {
    lib_lock_pair(&m1, &m2);
    execl(argv[0], argv[0], "exec", (char *)NULL);
    _exit(99);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  printf("child exited %d\n", WIFEXITED(status) ? WEXITSTATUS(status) : -1);
  fflush(stdout);
  lib_lock_pair(&m2, &m1);
  return 0;
}
