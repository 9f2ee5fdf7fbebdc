// Without -g a report still names the function and the file, and says that
// -g adds line numbers.
// RUN: %syncsan-cc %O %s -o %t
// RUN: %expect-exit 66 %t 2>&1 | FileCheck %s
#include <pthread.h>

pthread_mutex_t g_lock = PTHREAD_MUTEX_INITIALIZER;

__attribute__((noinline)) void release(void) { pthread_mutex_unlock(&g_lock); }

int main(void) {
  release();
  return 0;
}
// CHECK: ERROR: SyncSanitizer: unlock-not-held
// CHECK: #0 release {{.*}}sites-no-debug-info.c (pthread_mutex_unlock; compile with -g for line numbers)
// CHECK: SUMMARY: SyncSanitizer: unlock-not-held {{.*}}sites-no-debug-info.c in release
