// Levels from a policy file (lock_levels=FILE) naming global symbols and
// init sites (file:line, with '*' patterns); a bad policy line is an error.
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: printf '# policy\nbig_lock 1\nlevel-policy.c:26 7\nleaf_* 100\n' > %t.levels
// RUN: env SYNCSAN_OPTIONS=lock_levels=%t.levels %expect-exit 66 %t 2>&1 | FileCheck %s
// RUN: %expect-exit 0 %t 2>&1 | FileCheck %s --check-prefix=NOPOLICY --allow-empty
// RUN: printf 'big_lock ten\n' > %t.bad
// RUN: env SYNCSAN_OPTIONS=lock_levels=%t.bad %expect-exit 66 %t 2>&1 | FileCheck %s --check-prefix=BAD
#include <pthread.h>
#include <stdlib.h>

pthread_mutex_t big_lock = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t leaf_stats = PTHREAD_MUTEX_INITIALIZER;

struct conn { pthread_mutex_t lock; };

static void use(pthread_mutex_t *outer, pthread_mutex_t *inner) {
  pthread_mutex_lock(outer);
  pthread_mutex_lock(inner);
  pthread_mutex_unlock(inner);
  pthread_mutex_unlock(outer);
}

int main(void) {
  struct conn *c = malloc(sizeof(*c));
  pthread_mutex_init(&c->lock, NULL); /* line 26: level 7 */
  use(&big_lock, &c->lock);   /* 1 -> 7 */
  use(&big_lock, &leaf_stats); /* 1 -> 100 */
  use(&leaf_stats, &c->lock); /* 100 -> 7: violation on first sight */
  return 0;
}
// CHECK: lock-level-violation: thread T0 acquires mutex M{{[0-9]+}} (0x{{[0-9a-f]+}}) (level 7) while holding mutex M{{[0-9]+}} 'leaf_stats' (0x{{[0-9a-f]+}}) (level 100)
// CHECK: SUMMARY: SyncSanitizer: lock-level-violation {{.*}}level-policy.c:19 in use
// CHECK-NOT: lock-level-violation
// NOPOLICY-NOT: lock-level
// BAD: syncsan: {{.*}}.bad:1: expected '<name-pattern> <level 1..65535> [ordered]'
