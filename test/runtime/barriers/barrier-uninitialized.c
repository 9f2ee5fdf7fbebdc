// barrier-uninitialized: a wait or destroy on a barrier never initialised
// (glibc would divide by its count, 0: the call is not made and returns
// EINVAL), and on one destroyed and not initialised again (the real call
// is made). The near miss destroys and initialises again before waiting.
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: %expect-exit 66 %t never-wait 2>&1 | FileCheck %s --check-prefix=NEVER
// RUN: %expect-exit 66 %t never-destroy 2>&1 | FileCheck %s --check-prefix=NDESTROY
// RUN: %expect-exit 66 %t destroyed-wait 2>&1 | FileCheck %s --check-prefix=DWAIT
// RUN: %expect-exit 66 %t destroyed-destroy 2>&1 | FileCheck %s --check-prefix=DDESTROY
// RUN: %expect-exit 0 %t reinit 2>&1 | FileCheck %s --check-prefix=OK --implicit-check-not=SyncSanitizer
// A suppression matches the barrier's name (the call is still skipped).
// RUN: printf 'barrier-uninitialized:zeroed\n' > %t.supp
// RUN: env SYNCSAN_OPTIONS=suppressions=%t.supp %expect-exit 0 %t never-wait 2>&1 | FileCheck %s --check-prefix=SUPP --implicit-check-not=SyncSanitizer
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

static pthread_barrier_t zeroed;
static pthread_barrier_t one;

int main(int argc, char **argv) {
  const char *m = argc > 1 ? argv[1] : "";
  int rc = -1;
  if (!strcmp(m, "never-wait")) {
    rc = pthread_barrier_wait(&zeroed);
  } else if (!strcmp(m, "never-destroy")) {
    rc = pthread_barrier_destroy(&zeroed);
  } else {
    pthread_barrier_init(&one, NULL, 1);
    pthread_barrier_destroy(&one);
    if (!strcmp(m, "destroyed-wait")) {
      rc = pthread_barrier_wait(&one);
    } else if (!strcmp(m, "destroyed-destroy")) {
      rc = pthread_barrier_destroy(&one);
    } else {
      pthread_barrier_init(&one, NULL, 1);
      rc = pthread_barrier_wait(&one);
      pthread_barrier_destroy(&one);
    }
  }
  fprintf(stderr, "rc %s\n", rc == EINVAL ? "EINVAL" : rc == PTHREAD_BARRIER_SERIAL_THREAD ? "SERIAL" : rc == 0 ? "0" : "other");
  return 0;
}
// NEVER: ERROR: SyncSanitizer: barrier-uninitialized: thread T0 waits on barrier 'zeroed' (0x{{[0-9a-f]+}}), which was never initialised
// NEVER-NEXT: Wait by thread T0:
// NEVER-NEXT: #0 main {{.*}}barrier-uninitialized.c:26:10 (pthread_barrier_wait)
// NEVER: The call was not made (glibc would divide by the barrier's count, 0, and end the process with SIGFPE); it returns EINVAL.
// NEVER: SUMMARY: SyncSanitizer: barrier-uninitialized {{.*}}barrier-uninitialized.c:26 in main
// NEVER: rc EINVAL

// NDESTROY: ERROR: SyncSanitizer: barrier-uninitialized: thread T0 destroys barrier 'zeroed' (0x{{[0-9a-f]+}}), which was never initialised
// NDESTROY-NEXT: Destruction by thread T0:
// NDESTROY-NEXT: #0 main {{.*}}barrier-uninitialized.c:28:10 (pthread_barrier_destroy)
// NDESTROY: SUMMARY: SyncSanitizer: barrier-uninitialized {{.*}}barrier-uninitialized.c:28 in main
// NDESTROY: rc EINVAL

// DWAIT: ERROR: SyncSanitizer: barrier-uninitialized: thread T0 waits on barrier 'one' (0x{{[0-9a-f]+}}), which was destroyed and not initialised again
// DWAIT-NEXT: Wait by thread T0:
// DWAIT-NEXT: #0 main {{.*}}barrier-uninitialized.c:33:12 (pthread_barrier_wait)
// DWAIT-NEXT: barrier 'one' (0x{{[0-9a-f]+}}) was destroyed by thread T0 at:
// DWAIT-NEXT: #0 main {{.*}}barrier-uninitialized.c:31:5 (pthread_barrier_destroy)
// DWAIT-NEXT: barrier 'one' (0x{{[0-9a-f]+}}) was initialised with count 1 by thread T0 at:
// DWAIT-NEXT: #0 main {{.*}}barrier-uninitialized.c:30:5 (pthread_barrier_init)
// DWAIT-NOT: The call was not made
// DWAIT: SUMMARY: SyncSanitizer: barrier-uninitialized {{.*}}barrier-uninitialized.c:33 in main
// DWAIT: rc SERIAL

// DDESTROY: ERROR: SyncSanitizer: barrier-uninitialized: thread T0 destroys barrier 'one' (0x{{[0-9a-f]+}}), which was destroyed and not initialised again
// DDESTROY-NEXT: Destruction again by thread T0:
// DDESTROY-NEXT: #0 main {{.*}}barrier-uninitialized.c:35:12 (pthread_barrier_destroy)
// DDESTROY: SUMMARY: SyncSanitizer: barrier-uninitialized {{.*}}barrier-uninitialized.c:35 in main
// DDESTROY: rc 0

// OK: rc SERIAL
// SUPP: rc EINVAL
