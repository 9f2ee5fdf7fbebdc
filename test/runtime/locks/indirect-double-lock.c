// A real double-lock made through a lock-ops table is reported: both
// acquisitions reach the runtime through the table's entries, whose frames
// say which operation came through a function pointer (the calling line is
// not known). The lock is still named by its global.
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: %expect-exit 66 %t 2>&1 | FileCheck %s
#include <pthread.h>
#include <stdio.h>

struct lock_ops {
  int (*lock)(pthread_mutex_t *);
  int (*unlock)(pthread_mutex_t *);
};
static struct lock_ops ops = {pthread_mutex_lock, pthread_mutex_unlock};

pthread_mutex_t g_lock = PTHREAD_MUTEX_INITIALIZER;

int main(int argc, char **argv) {
  (void)argv;
  if (argc > 5) /* never: keeps the table a variable at -O2 */
    ops.lock = pthread_mutex_trylock;
  ops.lock(&g_lock);
  ops.lock(&g_lock);
  printf("not reached\n");
  return 0;
}
// CHECK: ==[[PID:[0-9]+]]==ERROR: SyncSanitizer: double-lock: thread T0 acquires mutex M{{[0-9]+}} 'g_lock' (0x{{[0-9a-f]+}}) that it already holds; the thread would block on itself forever
// CHECK-NEXT: Second acquisition by thread T0:
// CHECK-NEXT: #0 <unknown caller> (pthread_mutex_lock through a function pointer)
// CHECK: First acquisition by thread T0, still held:
// CHECK-NEXT: #0 <unknown caller> (pthread_mutex_lock through a function pointer)
// CHECK: SUMMARY: SyncSanitizer: double-lock <unknown file> in <unknown caller>
// CHECK: ==[[PID]]==syncsan: ending the process: thread T0 would wait for itself forever
// CHECK-NOT: not reached
