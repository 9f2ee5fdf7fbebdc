// A process that reported an error exits with exitcode= however it ends:
// exit() and a return from main did before; _exit, _Exit and quick_exit
// exited 0. Children keep their own status: a vfork child's _exit(7) (it
// shares the parent's memory, errors included) and a forked child's exits
// are the child's, whatever the parent reported.
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: %expect-exit 66 %t _exit 2>&1 | FileCheck %s
// RUN: %expect-exit 66 %t _Exit 2>&1 | FileCheck %s
// RUN: %expect-exit 66 %t quick_exit 2>&1 | FileCheck %s
// RUN: env SYNCSAN_OPTIONS=exitcode=9 %expect-exit 9 %t _exit 2>&1 | FileCheck %s
// RUN: %expect-exit 0 %t clean_exit 2>&1 | FileCheck %s --check-prefix=CLEAN --allow-empty
// RUN: %expect-exit 66 %t children 2>&1 | FileCheck %s --check-prefix=CHILDREN
// CHECK: ERROR: SyncSanitizer: unlock-not-held
// CHECK: ==[[PID:[0-9]+]]==SyncSanitizer: 1 error report
// CHECK-NOT: SyncSanitizer
// CLEAN-NOT: SyncSanitizer
// CHILDREN: ERROR: SyncSanitizer: unlock-not-held
// CHILDREN: vfork child: 7
// CHILDREN-NEXT: fork child _exit: 5
// CHILDREN-NEXT: fork child exit: 3
// CHILDREN: SyncSanitizer: 1 error report
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;

static int status_of(pid_t pid) {
  int st;
  if (waitpid(pid, &st, 0) != pid || !WIFEXITED(st))
    return -1;
  return WEXITSTATUS(st);
}

int main(int argc, char **argv) {
  if (argc != 2)
    return 2;
  const char *how = argv[1];
  if (strcmp(how, "clean_exit"))
    pthread_mutex_unlock(&m); /* unlock-not-held */
  fflush(stderr);
  if (!strcmp(how, "_exit") || !strcmp(how, "clean_exit"))
    _exit(0);
  if (!strcmp(how, "_Exit"))
    _Exit(0);
  if (!strcmp(how, "quick_exit"))
    quick_exit(0);
  pid_t pid = vfork();
  if (pid == 0)
    _exit(7);
  printf("vfork child: %d\n", status_of(pid));
  fflush(stdout);
  if ((pid = fork()) == 0)
    _exit(5);
  printf("fork child _exit: %d\n", status_of(pid));
  fflush(stdout); /* the child's exit() would flush it again */
  if ((pid = fork()) == 0)
    exit(3);
  printf("fork child exit: %d\n", status_of(pid));
  return 0;
}
