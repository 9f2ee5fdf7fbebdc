// held_stacks=1 captures the stack of every acquisition, so the held side
// of a report has one too: the first acquisition of a double lock names the
// caller of the helper that took it, and so does the held side of a
// lock-order edge. By default (the near miss) a held lock shows its site
// alone, and nothing is captured per acquisition.
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: env SYNCSAN_OPTIONS=held_stacks=1 %expect-exit 66 %t double 2>&1 | FileCheck %s --check-prefix=DOUBLE
// RUN: env SYNCSAN_OPTIONS=held_stacks=1 %expect-exit 66 %t order 2>&1 | FileCheck %s --check-prefix=ORDER
// RUN: %expect-exit 66 %t double 2>&1 | FileCheck %s --check-prefix=DEFAULT
#include <pthread.h>
#include <string.h>

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER, n = PTHREAD_MUTEX_INITIALIZER;
int taken; // take() counts: it is no lock wrapper, its line is its own

__attribute__((noinline)) static void take(pthread_mutex_t *x) {
  pthread_mutex_lock(x); taken++;
}

__attribute__((noinline)) static void first_user(void) {
  take(&m); // FIRST
  taken++; // not a tail call: this frame stays
}

__attribute__((noinline)) static void second_user(void) {
  take(&m); // SECOND
  taken++;
}

__attribute__((noinline)) static void outer(pthread_mutex_t *a, pthread_mutex_t *b) {
  take(a); // OUTER
  take(b);
  pthread_mutex_unlock(b);
  pthread_mutex_unlock(a);
}

int main(int argc, char **argv) {
  if (argc > 1 && !strcmp(argv[1], "order")) {
    outer(&m, &n);
    outer(&n, &m);
    return 0;
  }
  first_user();
  second_user();
  return 0;
}
// DOUBLE: ERROR: SyncSanitizer: double-lock
// DOUBLE: First acquisition by thread T0, still held:
// DOUBLE-NEXT: #0 take {{.*}}held-stacks.c:17:3 (pthread_mutex_lock)
// DOUBLE-NEXT: #1 first_user {{.*}}held-stacks.c:21:3
// DOUBLE-NEXT: #2 main {{.*}}held-stacks.c:

// ORDER: ERROR: SyncSanitizer: lock-order-inversion
// ORDER: was acquired by T0 before, at:
// ORDER-NEXT: #0 take {{.*}}held-stacks.c:17:3 (pthread_mutex_lock)
// ORDER-NEXT: #1 outer {{.*}}held-stacks.c:31:3

// DEFAULT: First acquisition by thread T0, still held:
// DEFAULT-NEXT: #0 take {{.*}}held-stacks.c:17:3 (pthread_mutex_lock)
// DEFAULT-NOT: #1
// DEFAULT: SUMMARY: SyncSanitizer: double-lock
