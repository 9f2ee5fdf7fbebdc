// Barrier calls the pass never rewrote reach the same checks: from a
// library built without the pass (through the interposer, with the
// library's caller as the site), through a function pointer (the pass's
// indirect entry), and in a program built without the pass at all, where
// a stalled phase is still found and its waiters named.
// RUN: %clang %O -g -fPIC -shared %S/Inputs/barrier-lib.c -o %t-lib.so
// RUN: %syncsan-cc %O -g %s %t-lib.so -o %t
// RUN: %expect-exit 66 %t lib 2>&1 | FileCheck %s --check-prefix=LIB
// RUN: %expect-exit 66 %t pointer 2>&1 | FileCheck %s --check-prefix=PTR
// RUN: %expect-exit 0 %t ok 2>&1 | FileCheck %s --check-prefix=OK --implicit-check-not=SyncSanitizer
// RUN: %clang %O -g -c %s -o %t-plain.o
// RUN: %syncsan-cc %t-plain.o %t-lib.so -o %t-plain
// RUN: %expect-exit 66 %t-plain lib 2>&1 | FileCheck %s --check-prefix=LIB
// RUN: %expect-exit 0 %t-plain ok 2>&1 | FileCheck %s --check-prefix=OK --implicit-check-not=SyncSanitizer
// RUN: env SYNCSAN_OPTIONS=barrier_timeout_ms=200:barrier_stall_action=abort %expect-exit 66 %t-plain stall 2>&1 | FileCheck %s --check-prefix=STALL
#include <pthread.h>
#include <stdio.h>
#include <string.h>

int lib_wait(pthread_barrier_t *b);

static pthread_barrier_t bar;
static int (*volatile wait_fn)(pthread_barrier_t *) = pthread_barrier_wait;

static void *worker(void *arg) {
  lib_wait(&bar);
  return arg;
}

int main(int argc, char **argv) {
  const char *m = argc > 1 ? argv[1] : "";
  if (!strcmp(m, "stall")) {
    pthread_barrier_init(&bar, NULL, 3);
    pthread_t t;
    pthread_create(&t, NULL, worker, NULL);
    lib_wait(&bar);
    return 0;
  }
  pthread_barrier_init(&bar, NULL, 1);
  if (!strcmp(m, "ok")) {
    int a = lib_wait(&bar), b = wait_fn(&bar);
    fprintf(stderr, "%s\n", a == PTHREAD_BARRIER_SERIAL_THREAD && b == a ? "serial" : "wrong");
    return 0;
  }
  pthread_barrier_destroy(&bar);
  if (!strcmp(m, "lib"))
    lib_wait(&bar);
  else
    wait_fn(&bar);
  return 0;
}
// LIB: ERROR: SyncSanitizer: barrier-uninitialized: thread T0 waits on barrier 0x{{[0-9a-f]+}}, which was destroyed and not initialised again
// LIB-NEXT: Wait by thread T0:
// LIB-NEXT: #0 lib_wait {{.*}}barrier-lib.c:7
// LIB: SUMMARY: SyncSanitizer: barrier-uninitialized {{.*}}barrier-lib.c:7 in lib_wait
// PTR: ERROR: SyncSanitizer: barrier-uninitialized: thread T0 waits on barrier 0x{{[0-9a-f]+}}, which was destroyed and not initialised again
// PTR: SUMMARY: SyncSanitizer: barrier-uninitialized
// STALL: ERROR: SyncSanitizer: barrier-stall: barrier 0x{{[0-9a-f]+}} has not completed its phase for {{[0-9]+}} ms: 2 of 3 participants arrived
// STALL-DAG: Thread T0 waits at:
// STALL-DAG: Thread T1 waits at:
// STALL-DAG: #0 lib_wait {{.*}}barrier-lib.c:7
// STALL: SUMMARY: SyncSanitizer: barrier-stall {{.*}}barrier-lib.c:7 in lib_wait
// STALL: syncsan: ending the stalled process
// OK: serial
