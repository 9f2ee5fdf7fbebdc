// Levels declared on declarations with SYNCSAN_LOCK_LEVEL(): on a global and
// on a struct member; the pass carries them in the site records.
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: %expect-exit 66 %t 2>&1 | FileCheck %s
// Without syncsan the annotations are inert and the program is unchanged.
// RUN: %clang %O -I%srcroot/include %s -o %t.plain -pthread
// RUN: %t.plain | FileCheck %s --check-prefix=PLAIN
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <syncsan/syncsan.h>

pthread_mutex_t registry_lock SYNCSAN_LOCK_LEVEL(5) = PTHREAD_MUTEX_INITIALIZER;

struct session {
  pthread_mutex_t lock SYNCSAN_LOCK_LEVEL(50);
  int users;
};

__attribute__((noinline)) static void session_touch(struct session *s) {
  pthread_mutex_lock(&s->lock);
  s->users++;
  pthread_mutex_unlock(&s->lock);
}

__attribute__((noinline)) static void registry_add(struct session *s) {
  pthread_mutex_lock(&s->lock); /* 50 ... */
  pthread_mutex_lock(&registry_lock); /* ... then 5: violation */
  pthread_mutex_unlock(&registry_lock);
  pthread_mutex_unlock(&s->lock);
}

int main(void) {
  struct session *s = calloc(1, sizeof(*s));
  pthread_mutex_init(&s->lock, NULL);
  pthread_mutex_lock(&registry_lock); /* 5 then 50: fine */
  session_touch(s);
  pthread_mutex_unlock(&registry_lock);
  registry_add(s);
  printf("users=%d\n", s->users);
  return 0;
}
// CHECK: lock-level-violation: thread T0 acquires mutex M{{[0-9]+}} 'registry_lock' (0x{{[0-9a-f]+}}) (level 5) while holding mutex M{{[0-9]+}} (0x{{[0-9a-f]+}}) (level 50)
// CHECK: SUMMARY: SyncSanitizer: lock-level-violation {{.*}}level-annotation.c:28 in registry_add
// CHECK: users=1
// PLAIN: users=1
// The compiler sees this violation whole, in one function: lock-level-static.
// RUN: %syncsan-cc %O -g -c %s -o %t.o 2>&1 | FileCheck %s --check-prefix=STATIC
// STATIC: level-annotation.c:28:3: warning: acquires lock 'registry_lock' (level 5) while holding a lock (level 50) on every path here: levels must increase [syncsan-lock-level-static]
