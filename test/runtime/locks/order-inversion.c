// Two threads take two locks in opposite orders, one after the other, so
// this run never deadlocks; the cycle in the learned order is reported the
// first time the closing edge is taken, with both edges, their threads and
// sites, and lockdep's scenario. Reported once however often it recurs.
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: %expect-exit 66 %t 2>&1 | FileCheck %s
#include <pthread.h>
#include <stdio.h>

pthread_mutex_t accounts = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t audit_log = PTHREAD_MUTEX_INITIALIZER;

static void *transfer(void *arg) {
  pthread_mutex_lock(&accounts);
  pthread_mutex_lock(&audit_log);
  pthread_mutex_unlock(&audit_log);
  pthread_mutex_unlock(&accounts);
  return arg;
}

static void *report_audit(void *arg) {
  for (int i = 0; i < 3; i++) {
    pthread_mutex_lock(&audit_log);
    pthread_mutex_lock(&accounts);
    pthread_mutex_unlock(&accounts);
    pthread_mutex_unlock(&audit_log);
  }
  return arg;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, NULL, transfer, NULL);
  pthread_join(a, NULL);
  pthread_create(&b, NULL, report_audit, NULL);
  pthread_join(b, NULL);
  printf("finished\n");
  return 0;
}
// CHECK: ERROR: SyncSanitizer: lock-order-inversion: lock order cycle of 2 locks (potential deadlock): 'audit_log' -> 'accounts' -> 'audit_log'
// CHECK-NEXT: Thread T2 acquires 'accounts' while holding 'audit_log' (this closes the cycle):
// CHECK-NEXT: #0 report_audit {{.*}}order-inversion.c:24:5 (pthread_mutex_lock)
// CHECK: 'audit_log' was acquired by T2 before, at:
// CHECK-NEXT: #0 report_audit {{.*}}order-inversion.c:23:5 (pthread_mutex_lock)
// CHECK: Thread T1 acquired 'audit_log' while holding 'accounts':
// CHECK-NEXT: #0 transfer {{.*}}order-inversion.c:15:3 (pthread_mutex_lock)
// CHECK: 'accounts' was acquired by T1 before, at:
// CHECK-NEXT: #0 transfer {{.*}}order-inversion.c:14:3 (pthread_mutex_lock)
// CHECK: Possible unsafe locking scenario:
// CHECK: Thread 1 (as T2) Thread 2 (as T1)
// CHECK: lock('audit_log');
// CHECK-NEXT: lock('accounts');
// CHECK-NEXT: lock('audit_log');
// CHECK-NEXT: lock('accounts');
// CHECK: *** DEADLOCK ***
// CHECK: Thread T2 created by T0 at:
// CHECK: Thread T1 created by T0 at:
// CHECK: SUMMARY: SyncSanitizer: lock-order-inversion {{.*}}order-inversion.c:24 in report_audit
// CHECK-NOT: lock-order-inversion
// CHECK: finished
// CHECK: SyncSanitizer: 1 error report
