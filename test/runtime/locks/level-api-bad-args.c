// The level and nesting annotations validate their pointer: NULL and
// misaligned ones are refused with one warning per function, and an
// aligned address that is no lock yet makes no lock record (no phantom
// lock: the first real mutex is M1). A level set before a lock is
// initialised or first used is kept for it: 'outer' gets level 20 before
// its pthread_mutex_init, 'inner' level 10 before its first lock, and
// taking inner while holding outer is a lock-level-violation.
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: %expect-exit 66 %t 2>&1 | FileCheck %s
#include <pthread.h>
#include <stdio.h>
#include <syncsan/syncsan.h>

static pthread_mutex_t outer;
static pthread_mutex_t inner = PTHREAD_MUTEX_INITIALIZER;
static long not_a_lock[4];

int main(void) {
  syncsan_lock_set_level(NULL, 5);
  syncsan_lock_set_level((char *)not_a_lock + 1, 5);
  syncsan_lock_set_level_ordered((char *)not_a_lock + 2, 5);
  syncsan_lock_nested(NULL, 1);
  syncsan_lock_nested((char *)not_a_lock + 3, 1);
  syncsan_lock_set_level(&not_a_lock[0], 7);   /* aligned: kept aside, no record */
  syncsan_lock_set_level(&not_a_lock[1], 7);
  syncsan_lock_set_level(&not_a_lock[1], 0);   /* and cleared */
  syncsan_lock_nested(&not_a_lock[2], 1);

  syncsan_lock_set_level(&outer, 20);
  pthread_mutex_init(&outer, NULL);
  syncsan_lock_set_level(&inner, 10);
  pthread_mutex_lock(&outer);
  pthread_mutex_lock(&inner); /* 10 while holding 20 */
  pthread_mutex_unlock(&inner);
  pthread_mutex_unlock(&outer);
  fprintf(stderr, "done\n");
  return 0;
}
// CHECK: WARNING: SyncSanitizer: syncsan_lock_set_level(0x0): not the address of a lock (NULL); ignored
// CHECK-NEXT: WARNING: SyncSanitizer: syncsan_lock_set_level_ordered(0x{{[0-9a-f]+}}): not the address of a lock (misaligned); ignored
// CHECK-NEXT: WARNING: SyncSanitizer: syncsan_lock_nested(0x0): not the address of a lock (NULL); ignored
// CHECK-NOT: WARNING
// CHECK: ERROR: SyncSanitizer: lock-level-violation: thread T0 acquires mutex M2 'inner' (0x{{[0-9a-f]+}}) (level 10) while holding mutex M1 'outer' (0x{{[0-9a-f]+}}) (level 20)
// CHECK: SUMMARY: SyncSanitizer: lock-level-violation {{.*}}level-api-bad-args.c:33 in main
// CHECK-NOT: SyncSanitizer: {{[a-z-]+}}:
// CHECK: done
