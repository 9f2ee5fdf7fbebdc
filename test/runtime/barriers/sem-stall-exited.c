// sem-stall: main waits for a second post that the only thread that ever
// posted the semaphore will never make: it has exited. Reported after
// sem_timeout_ms; with sem_stall_action=abort the process then ends with
// exitcode, by default it is left waiting (`timeout` ends it: 124).
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: env SYNCSAN_OPTIONS=sem_timeout_ms=100:sem_stall_action=abort %expect-exit 66 timeout 10 %t 2>&1 | FileCheck %s --check-prefixes=CHECK,ABORT
// RUN: env SYNCSAN_OPTIONS=sem_timeout_ms=100 %expect-exit 124 timeout 1 %t 2>&1 | FileCheck %s --check-prefixes=CHECK,CONT
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>

static sem_t done;

static void *worker(void *arg) {
  sem_post(&done); /* one result; the second job was never started */
  return arg;
}

int main(void) {
  sem_init(&done, 0, 0);
  pthread_t t;
  pthread_create(&t, NULL, worker, NULL);
  pthread_join(t, NULL);
  for (int i = 0; i < 2; i++)
    sem_wait(&done);
  printf("not reached\n");
  return 0;
}
// CHECK: ERROR: SyncSanitizer: sem-stall: T0 has waited on semaphore S{{[0-9]+}} 'done' (0x{{[0-9a-f]+}}) for {{[0-9]+}} ms with no post since, every thread that ever posted it (T1) has exited, and no other thread is left: no thread can post it
// CHECK: Thread T0 waits on semaphore S{{[0-9]+}} 'done' ({{.*}}) (value 0), at:
// CHECK: #0 main {{.*}}sem-stall-exited.c:25:5 (sem_wait)
// CHECK: Thread T1 posted it (it has exited since), at:
// CHECK: #0 worker {{.*}}sem-stall-exited.c:15:3 (sem_post)
// CHECK: semaphore S{{[0-9]+}} was initialised at:
// CHECK: SUMMARY: SyncSanitizer: sem-stall {{.*}}sem-stall-exited.c:25 in main
// ABORT: syncsan: ending the stalled process (sem_stall_action=abort)
// CONT-NOT: ending the stalled process
// CHECK-NOT: not reached
