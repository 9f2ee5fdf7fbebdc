// A level declared on a struct field travels in the sites of the operations
// that name the field. Taken through a lock wrapper (session_lock(s)), the
// caller's site stands for the wrapper's, so it carries the wrapper's level
// too: a zero-initialised session lock (no init site) taken first through
// the wrapper still has level 50, and taking level 5 under it is a
// violation (and the two orders are an inversion). The order 5 then 50 is
// no violation.
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: %expect-exit 66 %t 2>&1 | FileCheck %s
// At -O0 the caller's site (CALLER, 4) carries level 50 (50 << 16).
// RUN: %syncsan-cc -O0 -g -S -emit-llvm %s -o - | FileCheck %s --check-prefix=IR
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <syncsan/syncsan.h>

pthread_mutex_t registry_lock SYNCSAN_LOCK_LEVEL(5) = PTHREAD_MUTEX_INITIALIZER;

struct session {
  pthread_mutex_t lock SYNCSAN_LOCK_LEVEL(50);
  int users;
};

static void session_lock(struct session *s) { pthread_mutex_lock(&s->lock); }
static void session_unlock(struct session *s) { pthread_mutex_unlock(&s->lock); }

int main(void) {
  struct session *s = calloc(1, sizeof(*s)); /* zero-initialised: no init site */
  pthread_mutex_lock(&registry_lock);
  session_lock(s); /* 5 then 50: fine */
  s->users++;
  session_unlock(s);
  pthread_mutex_unlock(&registry_lock);
  session_lock(s);
  pthread_mutex_lock(&registry_lock); /* 50 then 5: violation */
  pthread_mutex_unlock(&registry_lock);
  session_unlock(s);
  printf("users=%d\n", s->users);
  return 0;
}
// CHECK: ERROR: SyncSanitizer: lock-order-inversion
// CHECK-NOT: lock-level-violation
// CHECK: lock-level-violation: thread T0 acquires mutex M{{[0-9]+}} 'registry_lock' (0x{{[0-9a-f]+}}) (level 5) while holding mutex M{{[0-9]+}} (0x{{[0-9a-f]+}}) (level 50)
// CHECK: SUMMARY: SyncSanitizer: lock-level-violation {{.*}}wrapper-level.c:35 in main
// CHECK-NOT: lock-level-violation
// CHECK: users=1
// CHECK: SyncSanitizer: 2 error reports
// IR: private constant %syncsan.site { ptr {{.*}}, ptr {{.*}}, ptr {{.*}}, i32 30, i32 3, i32 0, i32 3276804 }
