// A plugin built with plain clang and loaded with dlopen while the program
// runs binds its lock calls to the executable's exported interposers, like
// the libraries loaded at start-up: two calls in opposite orders are a
// lock-order cycle; in one order, nothing is reported.
// RUN: %clang %O -g -fPIC -shared %S/Inputs/pair-lib.c -o %t-plugin.so
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: %expect-exit 66 %t %t-plugin.so inverted 2>&1 | FileCheck %s
// RUN: %expect-exit 0 %t %t-plugin.so consistent 2>&1 | FileCheck %s --check-prefix=SILENT --allow-empty

// CHECK: loaded
// CHECK: ERROR: SyncSanitizer: lock-order-inversion: lock order cycle of 2 locks (potential deadlock): 'm2' -> 'm1' -> 'm2'
// CHECK: Thread T0 acquires 'm1' while holding 'm2' (this closes the cycle):
// CHECK-NEXT: #0 lib_lock_pair {{.*}}pair-lib.c:10:3 (pthread_mutex_lock)
// CHECK-NEXT: #1 main {{.*}}dlopen-plugin.c
// CHECK: SUMMARY: SyncSanitizer: lock-order-inversion {{.*}}pair-lib.c:10 in lib_lock_pair
// SILENT: loaded
// SILENT-NOT: SyncSanitizer
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

static pthread_mutex_t m1 = PTHREAD_MUTEX_INITIALIZER, m2 = PTHREAD_MUTEX_INITIALIZER;

int main(int argc, char **argv) {
  if (argc != 3)
    return 2;
  void *h = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
  if (!h) {
    fprintf(stderr, "dlopen: %s\n", dlerror());
    return 1;
  }
  void (*pair)(pthread_mutex_t *, pthread_mutex_t *) =
      (void (*)(pthread_mutex_t *, pthread_mutex_t *))dlsym(h, "lib_lock_pair");
  if (!pair)
    return 1;
  printf("loaded\n");
  fflush(stdout);
  pair(&m1, &m2);
  if (!strcmp(argv[2], "inverted"))
    pair(&m2, &m1);
  else
    pair(&m1, &m2);
  return 0;
}
