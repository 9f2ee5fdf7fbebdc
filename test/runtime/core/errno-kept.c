// A report whose write fails leaves the program's errno as it was: stderr
// closed (EBADF), stderr on a full device (ENOSPC), stderr on a pipe whose
// reader has gone (EPIPE, which must not kill the program with SIGPIPE
// either). Each report comes from a hook between two of the program's own
// statements, right where it may be about to read errno.
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: %expect-exit 66 %t > %t.out
// RUN: FileCheck %s < %t.out
// CHECK: EBADF: errno kept
// CHECK-NEXT: ENOSPC: errno kept
// CHECK-NEXT: EPIPE: errno kept
// CHECK-NEXT: done
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>

static pthread_mutex_t m1 = PTHREAD_MUTEX_INITIALIZER, m2 = PTHREAD_MUTEX_INITIALIZER,
                       m3 = PTHREAD_MUTEX_INITIALIZER;

/* Unlocking a mutex nobody holds: an unlock-not-held report. */
static void check(const char *what, pthread_mutex_t *m, int sentinel) {
  errno = sentinel;
  pthread_mutex_unlock(m);
  int got = errno;
  printf("%s: errno %s\n", what, got == sentinel ? "kept" : "changed");
  fflush(stdout);
}

int main(void) {
  close(2);
  check("EBADF", &m1, 1234);

  int full = open("/dev/full", O_WRONLY);
  if (full < 0 || dup2(full, 2) < 0)
    return 1;
  check("ENOSPC", &m2, 2345);

  int p[2];
  if (pipe(p) || dup2(p[1], 2) < 0)
    return 1;
  close(p[0]);
  check("EPIPE", &m3, 3456);
  printf("done\n");
  return 0;
}
