// Joins made by code the pass never compiled reach the join hooks through
// the pthread_join interposer: a library joins the thread that took
// 'a' -> 'b', so the program's 'b' -> 'a' afterwards is silent. The thread
// the library leaves running is not ordered before the program's
// acquisition (a flag says when it is done, which orders nothing for a
// deadlock): reported. The same with the program built without the pass.
// RUN: %clang %O -g -fPIC -shared %S/Inputs/join-lib.c -o %t-lib.so
// RUN: %syncsan-cc %O -g %s %t-lib.so -o %t
// RUN: %expect-exit 0 %t joined 2>&1 | FileCheck %s --check-prefix=SILENT --implicit-check-not=SyncSanitizer
// RUN: %expect-exit 66 %t running 2>&1 | FileCheck %s
// RUN: %clang %O -g -c %s -o %t-plain.o
// RUN: %syncsan-cc %t-plain.o %t-lib.so -o %t-plain
// RUN: %expect-exit 0 %t-plain joined 2>&1 | FileCheck %s --check-prefix=SILENT --implicit-check-not=SyncSanitizer
// RUN: %expect-exit 66 %t-plain running 2>&1 | FileCheck %s

// SILENT: done
// CHECK: ERROR: SyncSanitizer: lock-order-inversion: lock order cycle of 2 locks (potential deadlock)
// CHECK: Thread T0 acquires {{.*}} while holding {{.*}} (this closes the cycle):
// CHECK: Thread T1 acquired {{.*}} while holding {{.*}}:
// CHECK: 1 error report
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

void lib_run_joined(void *(*fn)(void *), void *arg);
pthread_t lib_run(void *(*fn)(void *), void *arg);
void lib_join(pthread_t t);

static pthread_mutex_t a = PTHREAD_MUTEX_INITIALIZER, b = PTHREAD_MUTEX_INITIALIZER;
static int done;

static void *a_then_b(void *arg) {
  pthread_mutex_lock(&a);
  pthread_mutex_lock(&b);
  pthread_mutex_unlock(&b);
  pthread_mutex_unlock(&a);
  __atomic_store_n(&done, 1, __ATOMIC_RELEASE);
  return arg;
}

int main(int argc, char **argv) {
  pthread_t t = 0;
  if (argc > 1 && !strcmp(argv[1], "joined")) {
    lib_run_joined(a_then_b, NULL);
  } else {
    t = lib_run(a_then_b, NULL);
    while (!__atomic_load_n(&done, __ATOMIC_ACQUIRE)) {
      struct timespec ms = {0, 1000 * 1000};
      nanosleep(&ms, NULL);
    }
  }
  pthread_mutex_lock(&b);
  pthread_mutex_lock(&a);
  pthread_mutex_unlock(&a);
  pthread_mutex_unlock(&b);
  if (t)
    lib_join(t);
  fprintf(stderr, "done\n");
  return 0;
}
