// sem-stall for a semaphore nobody ever posted: reported only when every
// thread of the process is blocked (no thread could post it, nor create
// one that would). Here main waits for a worker's result, and the worker
// waits on a semaphore main was to post but never does. Silent: a waiter
// whose poster does not exist yet, while main sleeps before creating it.
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: env SYNCSAN_OPTIONS=sem_timeout_ms=100:sem_stall_action=abort %expect-exit 66 timeout 10 %t stuck 2>&1 | FileCheck %s
// RUN: env SYNCSAN_OPTIONS=sem_timeout_ms=100:sem_stall_action=abort %expect-exit 0 timeout 10 %t late 2>&1 | FileCheck %s --check-prefix=LATE --implicit-check-not=SyncSanitizer
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static sem_t go, result;

static void *worker(void *arg) {
  sem_wait(&go);
  sem_post(&result);
  return arg;
}

static void *starter(void *arg) {
  sem_post(&go);
  return arg;
}

int main(int argc, char **argv) {
  sem_init(&go, 0, 0);
  sem_init(&result, 0, 0);
  pthread_t t, s;
  pthread_create(&t, NULL, worker, NULL);
  if (argc > 1 && !strcmp(argv[1], "late")) {
    usleep(500000); /* T1 has waited 5 timeouts: its poster comes now */
    pthread_create(&s, NULL, starter, NULL);
    pthread_join(s, NULL);
  }
  sem_wait(&result);
  pthread_join(t, NULL);
  printf("done\n");
  return 0;
}
// CHECK: ERROR: SyncSanitizer: sem-stall: T{{[01]}} has waited on semaphore S{{[0-9]+}} '{{go|result}}' (0x{{[0-9a-f]+}}) for {{[0-9]+}} ms, no thread has ever posted it, and every other thread (T{{[01]}}) is blocked: no thread can post it
// CHECK: Thread T{{[01]}} is blocked in sem_wait on semaphore S{{[0-9]+}} '{{go|result}}' (0x{{[0-9a-f]+}}) (value 0, never posted) at {{.*}}sem-stall-never.c:{{18|38}}:{{3|5}}
// CHECK: SUMMARY: SyncSanitizer: sem-stall
// CHECK-NOT: done
// LATE: done
