// The misuse checks honour the common options: a suppression by lock name
// silences lock-held-at-exit and destroy-locked (exit 0), one by condvar
// name silences condvar-wait-unlocked; halt_on_error=1 ends the process at
// the first report, before the program's next line.
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: %expect-exit 66 %t 2>&1 | FileCheck %s --check-prefix=ALL
// RUN: printf 'lock-held-at-exit:g_held\ndestroy-locked:g_rw\ncondvar-wait-unlocked:g_c?\n' > %t.supp
// RUN: env SYNCSAN_OPTIONS=suppressions=%t.supp %expect-exit 0 %t 2>&1 | FileCheck %s --check-prefix=SUPP
// RUN: env SYNCSAN_OPTIONS=halt_on_error=1 %expect-exit 66 %t 2>&1 | FileCheck %s --check-prefix=HALT
#include <pthread.h>
#include <stdio.h>
#include <time.h>

static pthread_mutex_t g_held = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t g_other = PTHREAD_MUTEX_INITIALIZER;
static pthread_rwlock_t g_rw = PTHREAD_RWLOCK_INITIALIZER;
static pthread_cond_t g_cv = PTHREAD_COND_INITIALIZER;

int main(void) {
  pthread_rwlock_rdlock(&g_rw);
  pthread_rwlock_destroy(&g_rw);
  fprintf(stderr, "after destroy\n");
  pthread_rwlock_unlock(&g_rw);
  struct timespec ts = {0, 0};
  pthread_cond_timedwait(&g_cv, &g_other, &ts);
  pthread_mutex_unlock(&g_other);
  pthread_mutex_lock(&g_held);
  fprintf(stderr, "end of main\n");
  return 0;
}
// ALL: SyncSanitizer: destroy-locked:
// ALL: after destroy
// ALL: SyncSanitizer: condvar-wait-unlocked:
// ALL: end of main
// ALL: SyncSanitizer: lock-held-at-exit:
// ALL: SyncSanitizer: 3 error reports

// SUPP-NOT: SyncSanitizer
// SUPP: after destroy
// SUPP: end of main
// SUPP-NOT: SyncSanitizer

// HALT: SyncSanitizer: destroy-locked:
// HALT-NOT: after destroy
