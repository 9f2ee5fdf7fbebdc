// Past max_held_locks (default 1024) a thread's locks are counted, not
// recorded: one warning, and no false report however the locks are
// released. 1500 locks held at once, released first-in-first-out, then
// again released odd ones first; an unlock of a lock not in the recorded
// stack is taken to be one of the unrecorded ones. Once the thread holds
// fewer, checking goes on: the errorcheck double-lock at the end is found.
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: %expect-exit 66 timeout 30 %t 2>&1 | FileCheck %s
#include <pthread.h>
#include <stdio.h>

#define N 1500
static pthread_mutex_t mu[N];

int main(void) {
  for (int i = 0; i < N; i++)
    pthread_mutex_init(&mu[i], NULL);
  for (int i = 0; i < N; i++)
    pthread_mutex_lock(&mu[i]);
  for (int i = 0; i < N; i++)
    pthread_mutex_unlock(&mu[i]);
  fprintf(stderr, "first-in-first-out: done\n");

  for (int i = 0; i < N; i++)
    pthread_mutex_lock(&mu[i]);
  for (int i = 1; i < N; i += 2)
    pthread_mutex_unlock(&mu[i]);
  for (int i = 0; i < N; i += 2)
    pthread_mutex_unlock(&mu[i]);
  fprintf(stderr, "odd then even: done\n");

  pthread_mutexattr_t a;
  pthread_mutexattr_init(&a);
  pthread_mutexattr_settype(&a, PTHREAD_MUTEX_ERRORCHECK);
  pthread_mutex_t ec;
  pthread_mutex_init(&ec, &a);
  pthread_mutex_lock(&ec);
  pthread_mutex_lock(&ec); /* double-lock: EDEADLK */
  pthread_mutex_unlock(&ec);
  return 0;
}
// CHECK: WARNING: SyncSanitizer: thread T0 holds more than max_held_locks=1024 locks; locks taken past that are not checked
// CHECK-NOT: SyncSanitizer: {{[a-z-]+}}:
// CHECK-NOT: max_held_locks
// CHECK: first-in-first-out: done
// CHECK-NOT: SyncSanitizer: {{[a-z-]+}}:
// CHECK-NOT: max_held_locks
// CHECK: odd then even: done
// CHECK-NEXT: ={{.*}}
// CHECK-NEXT: ERROR: SyncSanitizer: double-lock: thread T0 acquires mutex M{{[0-9]+}} (0x{{[0-9a-f]+}}) that it already holds (the call fails with EDEADLK)
// CHECK: SUMMARY: SyncSanitizer: double-lock {{.*}}held-overflow.c:38 in main
// CHECK-NOT: SyncSanitizer: {{[a-z-]+}}:
// CHECK: SyncSanitizer: 1 error report
