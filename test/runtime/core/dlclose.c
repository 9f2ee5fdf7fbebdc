// An instrumented library is loaded, takes (and keeps) a lock or is
// profiled, and is closed before the process exits. The exit-time checks
// and the profile table then read the library's sites and names: the
// runtime keeps every instrumented module mapped (RTLD_NODELETE from its
// constructor's call of __syncsan_init), so they are still there. Before,
// both runs ended in SIGSEGV at exit.
// RUN: %syncsan-cc %O -g -shared -fPIC %S/Inputs/dlclose-lib.c -o %t.so
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: %expect-exit 66 %t %t.so lib_take 2>&1 | FileCheck %s --check-prefix=HELD
// RUN: env SYNCSAN_OPTIONS=profile_locks=1 %expect-exit 0 %t %t.so lib_cycle 2>&1 | FileCheck %s --check-prefix=PROFILE

// HELD: closed
// HELD: ERROR: SyncSanitizer: lock-held-at-exit: the process exits while thread T0 holds 1 lock
// HELD-NEXT: Held: mutex M{{[0-9]+}} 'lib_lock' (0x{{[0-9a-f]+}}), acquired at:
// HELD-NEXT: #0 lib_take {{.*}}dlclose-lib.c:8:23 (pthread_mutex_lock)
// HELD: SUMMARY: SyncSanitizer: lock-held-at-exit {{.*}}dlclose-lib.c:8 in lib_take

// PROFILE: closed
// PROFILE: lock profile (profile_locks=1)
// PROFILE: 'lib_lock' {{.*}}dlclose-lib.c:11:3 in lib_cycle
#include <dlfcn.h>
#include <stdio.h>

int main(int argc, char **argv) {
  if (argc != 3)
    return 2;
  void *h = dlopen(argv[1], RTLD_NOW);
  if (!h) {
    fprintf(stderr, "dlopen: %s\n", dlerror());
    return 1;
  }
  void (*fn)(void) = (void (*)(void))dlsym(h, argv[2]);
  if (!fn)
    return 1;
  fn();
  if (dlclose(h)) {
    fprintf(stderr, "dlclose: %s\n", dlerror());
    return 1;
  }
  printf("closed\n");
  fflush(stdout);
  return 0;
}
