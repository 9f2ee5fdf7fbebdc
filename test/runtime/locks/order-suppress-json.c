// A lock-order-inversion suppressed by a lock class name, and the same
// report as JSON.
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: printf 'lock-order-inversion:cache_lock\n' > %t.supp
// RUN: env SYNCSAN_OPTIONS=suppressions=%t.supp %expect-exit 0 %t 2>&1 | FileCheck %s --check-prefix=SUPP --allow-empty
// RUN: env SYNCSAN_OPTIONS=log_format=json %expect-exit 66 %t 2>&1 | FileCheck %s --check-prefix=JSON
#include <pthread.h>

pthread_mutex_t cache_lock = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t index_lock = PTHREAD_MUTEX_INITIALIZER;

int main(void) {
  pthread_mutex_lock(&cache_lock);
  pthread_mutex_lock(&index_lock);
  pthread_mutex_unlock(&index_lock);
  pthread_mutex_unlock(&cache_lock);
  pthread_mutex_lock(&index_lock);
  pthread_mutex_lock(&cache_lock);
  pthread_mutex_unlock(&cache_lock);
  pthread_mutex_unlock(&index_lock);
  return 0;
}
// SUPP-NOT: SyncSanitizer
// JSON: {"tool":"syncsan","pid":{{[0-9]+}},"severity":"error","check":"lock-order-inversion","message":"lock order cycle of 2 locks (potential deadlock): 'index_lock' -> 'cache_lock' -> 'index_lock'","sections":[{"title":"Thread T0 acquires 'cache_lock' while holding 'index_lock' (this closes the cycle)","site":{"function":"main","file":"{{[^"]*}}order-suppress-json.c","line":18,
// JSON-SAME: "notes":"  Possible unsafe locking scenario:\n
