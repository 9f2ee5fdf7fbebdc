// condvar-destroyed for C11: cnd_signal after cnd_destroy.
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: %expect-exit 66 %t 2>&1 | FileCheck %s
// The ID and the condvar's name work in a suppressions file:
// RUN: printf 'condvar-destroyed:g_cnd\n' > %t.supp
// RUN: env SYNCSAN_OPTIONS=suppressions=%t.supp %expect-exit 0 %t 2>&1 | FileCheck %s --check-prefix=SUPP
// SUPP-NOT: SyncSanitizer
// SUPP: done
#include <stdio.h>
#include <threads.h>

static cnd_t g_cnd;

int main(void) {
  cnd_init(&g_cnd);
  cnd_destroy(&g_cnd);
  cnd_signal(&g_cnd);
  fprintf(stderr, "done\n");
  return 0;
}
// CHECK: ERROR: SyncSanitizer: condvar-destroyed: thread T0 signals condvar C{{[0-9]+}} 'g_cnd' (0x{{[0-9a-f]+}}), which was destroyed and not initialised again
// CHECK-NEXT: Use by thread T0:
// CHECK-NEXT: #0 main {{.*}}cond-destroyed-c11.c:17:3 (cnd_signal)
// CHECK: condvar C{{[0-9]+}} was destroyed at:
// CHECK-NEXT: #0 main {{.*}}cond-destroyed-c11.c:16:3 (cnd_destroy)
// CHECK: SUMMARY: SyncSanitizer: condvar-destroyed {{.*}}cond-destroyed-c11.c:17 in main
// CHECK: done
// CHECK-NOT: SyncSanitizer: {{[a-z-]+}}:
