// Calls through K&R declarations (`int pthread_mutex_lock();`, C before
// C23) are the library's calls and are checked: a real inversion made of
// them is reported, and pairs that mix them with prototyped calls in
// another file (lock here, unlock there, and the reverse) are silent.
// (Such calls used to be left alone: the inversion was missed, and the
// mixed pairs gave a false unlock-not-held, double-lock and
// lock-held-at-exit.) -std is pinned: C23 gives () a prototype.
// RUN: %syncsan-cc %O -g -std=gnu17 -Wno-deprecated-non-prototype -c %s -o %t.knr.o
// RUN: %syncsan-cc %O -g -std=gnu17 -c %S/Inputs/knr-prototyped.c -o %t.proto.o
// RUN: %syncsan-cc %t.knr.o %t.proto.o -o %t
// RUN: %expect-exit 66 %t 2>&1 | FileCheck %s --implicit-check-not=SyncSanitizer:
#include <stdio.h>

struct lock;                      /* pthread_mutex_t, known only to the other file */
extern struct lock accounts, audit_log;
int pthread_mutex_lock();
int pthread_mutex_unlock();
int pthread_create();
int pthread_join();
void take_with_prototype();
void release_with_prototype();

static void *transfer(void *arg) {
  pthread_mutex_lock(&accounts);
  pthread_mutex_lock(&audit_log);
  pthread_mutex_unlock(&audit_log);
  pthread_mutex_unlock(&accounts);
  return arg;
}

static void *report_audit(void *arg) {
  pthread_mutex_lock(&audit_log);
  pthread_mutex_lock(&accounts);
  pthread_mutex_unlock(&accounts);
  pthread_mutex_unlock(&audit_log);
  return arg;
}

int main(void) {
  unsigned long a, b;
  /* Mixed pairs, each twice: a lock the runtime missed would make the
   * second round a double-lock, an unlock it missed an unlock-not-held. */
  for (int i = 0; i < 2; i++) {
    pthread_mutex_lock(&accounts);
    release_with_prototype(&accounts);
    take_with_prototype(&audit_log);
    pthread_mutex_unlock(&audit_log);
  }
  pthread_create(&a, (void *)0, transfer, (void *)0);
  pthread_join(a, (void *)0);
  pthread_create(&b, (void *)0, report_audit, (void *)0);
  pthread_join(b, (void *)0);
  printf("finished\n");
  return 0;
}
// CHECK: ERROR: SyncSanitizer: lock-order-inversion: lock order cycle of 2 locks (potential deadlock): 'audit_log' -> 'accounts' -> 'audit_log'
// CHECK-NEXT: Thread T2 acquires 'accounts' while holding 'audit_log' (this closes the cycle):
// CHECK-NEXT: #0 report_audit {{.*}}knr-declarations.c:33:3 (pthread_mutex_lock)
// CHECK: Thread T2 created by T0 at:
// CHECK-NEXT: #0 main {{.*}}knr-declarations.c:51:3 (pthread_create)
// CHECK: SUMMARY: SyncSanitizer: lock-order-inversion {{.*}}knr-declarations.c:33 in report_audit
// CHECK: finished
// CHECK: SyncSanitizer: 1 error report
