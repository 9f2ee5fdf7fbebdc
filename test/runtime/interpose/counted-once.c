// With the interposers linked, an instrumented call still goes straight to
// its hook with its static site, and the hook calls the C library's
// function through the table of real functions, never through the
// interposer: one call is one event. An unlock of a lock not held is
// reported once, at its line; the lock profile counts every acquisition
// once, for pthread mutexes, C11 mtx_t (glibc's mtx_lock takes its pthread
// mutex by an internal name), rwlocks, spinlocks, and the mutex that a
// condvar wait releases and re-acquires (10 + 10; hottest: either site).
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: env SYNCSAN_OPTIONS=profile_locks=1 %expect-exit 66 %t 2>&1 | FileCheck %s
// CHECK: ERROR: SyncSanitizer: unlock-not-held: thread T0 releases mutex M{{[0-9]+}} 'loose'
// CHECK-NEXT: Release by thread T0:
// CHECK-NEXT: #0 main {{.*}}counted-once.c:45
// CHECK: SUMMARY: SyncSanitizer: unlock-not-held
// CHECK-NOT: ERROR: SyncSanitizer
// CHECK: lock profile (profile_locks=1)
// CHECK-DAG: 'pm' 1000 {{.*}}counted-once.c:47
// CHECK-DAG: 'cm' 700 {{.*}}counted-once.c:51
// CHECK-DAG: 'rw' 600 {{.*}}counted-once.c:{{55|57}}
// CHECK-DAG: 'sp' 500 {{.*}}counted-once.c:61
// CHECK-DAG: 'wm' 20 {{.*}}counted-once.c:{{40|42}}
// CHECK: 1 error report
#include <pthread.h>
#include <threads.h>
#include <time.h>

pthread_mutex_t loose = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t pm = PTHREAD_MUTEX_INITIALIZER;
pthread_rwlock_t rw = PTHREAD_RWLOCK_INITIALIZER;
pthread_spinlock_t sp;
mtx_t cm;
pthread_mutex_t wm = PTHREAD_MUTEX_INITIALIZER;
pthread_cond_t cv = PTHREAD_COND_INITIALIZER;

int main(void) {
  mtx_init(&cm, mtx_plain);
  pthread_spin_init(&sp, PTHREAD_PROCESS_PRIVATE);
  struct timespec now;
  for (int i = 0; i < 10; i++) {
    pthread_mutex_lock(&wm);
    clock_gettime(CLOCK_REALTIME, &now);
    pthread_cond_timedwait(&cv, &wm, &now); /* times out at once, re-acquires wm */
    pthread_mutex_unlock(&wm);
  }
  pthread_mutex_unlock(&loose);
  for (int i = 0; i < 1000; i++) {
    pthread_mutex_lock(&pm);
    pthread_mutex_unlock(&pm);
  }
  for (int i = 0; i < 700; i++) {
    mtx_lock(&cm);
    mtx_unlock(&cm);
  }
  for (int i = 0; i < 300; i++) {
    pthread_rwlock_rdlock(&rw);
    pthread_rwlock_unlock(&rw);
    pthread_rwlock_wrlock(&rw);
    pthread_rwlock_unlock(&rw);
  }
  for (int i = 0; i < 500; i++) {
    pthread_spin_lock(&sp);
    pthread_spin_unlock(&sp);
  }
  return 0;
}
