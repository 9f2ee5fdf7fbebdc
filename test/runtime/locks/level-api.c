// Levels declared with syncsan_lock_set_level(): acquiring a lower or equal
// level while holding a higher one is reported with both locks, levels and
// sites; increasing order is silent; equal levels are allowed in an ordered
// group; a trylock may take any level (it cannot block).
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: %expect-exit 66 %t 2>&1 | FileCheck %s
#include <pthread.h>
#include <stdio.h>
#include <syncsan/syncsan.h>

pthread_mutex_t db = PTHREAD_MUTEX_INITIALIZER;     /* level 10 */
pthread_mutex_t table = PTHREAD_MUTEX_INITIALIZER;  /* level 20 */
pthread_mutex_t row1 = PTHREAD_MUTEX_INITIALIZER;   /* level 30, ordered */
pthread_mutex_t row2 = PTHREAD_MUTEX_INITIALIZER;   /* level 30, ordered */
pthread_mutex_t cache = PTHREAD_MUTEX_INITIALIZER;  /* level 40 */
pthread_mutex_t cache2 = PTHREAD_MUTEX_INITIALIZER; /* level 40 */

int main(void) {
  syncsan_lock_set_level(&db, 10);
  syncsan_lock_set_level(&table, 20);
  syncsan_lock_set_level_ordered(&row1, 30);
  syncsan_lock_set_level_ordered(&row2, 30);
  syncsan_lock_set_level(&cache, 40);
  syncsan_lock_set_level(&cache2, 40);

  pthread_mutex_lock(&db); /* 10 < 30 = 30 (ordered) < 40: fine */
  pthread_mutex_lock(&row1);
  pthread_mutex_lock(&row2);
  pthread_mutex_lock(&cache);
  pthread_mutex_unlock(&cache);
  if (pthread_mutex_trylock(&db) == 0) /* trylock: exempt (fails here anyway) */
    pthread_mutex_unlock(&db);
  pthread_mutex_unlock(&row2);
  pthread_mutex_unlock(&row1);
  pthread_mutex_unlock(&db);

  /* No order between table and db was seen before: only the levels say
   * this is wrong, on first sight. */
  pthread_mutex_lock(&table); /* 20 then 10: violation */
  pthread_mutex_lock(&db);
  pthread_mutex_unlock(&db);
  pthread_mutex_unlock(&table);

  pthread_mutex_lock(&cache); /* 40 then 40, not ordered: violation */
  pthread_mutex_lock(&cache2);
  pthread_mutex_unlock(&cache2);
  pthread_mutex_unlock(&cache);
  printf("done\n");
  return 0;
}
// CHECK: ERROR: SyncSanitizer: lock-level-violation: thread T0 acquires mutex M{{[0-9]+}} 'db' (0x{{[0-9a-f]+}}) (level 10) while holding mutex M{{[0-9]+}} 'table' (0x{{[0-9a-f]+}}) (level 20); a lock's level must be higher than every level held
// CHECK-NEXT: Acquisition of level 10 by thread T0:
// CHECK-NEXT: #0 main {{.*}}level-api.c:40:3 (pthread_mutex_lock)
// CHECK: Level 20 held since:
// CHECK-NEXT: #0 main {{.*}}level-api.c:39:3 (pthread_mutex_lock)
// CHECK: SUMMARY: SyncSanitizer: lock-level-violation {{.*}}level-api.c:40 in main
// CHECK: ERROR: SyncSanitizer: lock-level-violation: thread T0 acquires mutex M{{[0-9]+}} 'cache2' {{.*}} (level 40) while holding mutex M{{[0-9]+}} 'cache' {{.*}} (level 40); {{.*}} (equal levels only in an ordered group)
// CHECK: SUMMARY: SyncSanitizer: lock-level-violation {{.*}}level-api.c:45 in main
// CHECK: done
// CHECK: SyncSanitizer: 2 error reports
