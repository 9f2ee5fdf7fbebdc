// The lock watchdog's all-blocked rule sees semaphore waits: T1 waits on
// a condvar that only main would signal, after a post of 'go' that no
// thread makes. main's sem_wait has had no post since it began, so it is
// stuck like a condvar wait with no signal: every thread is blocked, a
// deadlock (reported by the watchdog, which then ends the process). On
// its own, the semaphore is no sem-stall: T1, in a condvar wait, may post
// for all the semaphore checks know. Silent: the same with a
// process-shared semaphore, which a child process posts after a while
// (another process may post a shared semaphore, so its wait is never
// counted as stuck).
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: env SYNCSAN_OPTIONS=deadlock_timeout_ms=100:sem_timeout_ms=100 %expect-exit 66 timeout 10 %t private 2>&1 | FileCheck %s
// RUN: env SYNCSAN_OPTIONS=deadlock_timeout_ms=100:sem_timeout_ms=100 %expect-exit 0 timeout 10 %t shared 2>&1 | FileCheck %s --check-prefix=SHARED --implicit-check-not=SyncSanitizer
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t ready = PTHREAD_COND_INITIALIZER;
static int is_ready;
static sem_t *go;

static void *waiter(void *arg) {
  pthread_mutex_lock(&m);
  while (!is_ready)
    pthread_cond_wait(&ready, &m);
  pthread_mutex_unlock(&m);
  return arg;
}

int main(int argc, char **argv) {
  int shared = argc > 1 && !strcmp(argv[1], "shared");
  go = mmap(NULL, sizeof(sem_t), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  sem_init(go, shared, 0);
  pid_t child = -1;
  if (shared && (child = fork()) == 0) {
    usleep(500000);
    sem_post(go);
    _exit(0);
  }
  pthread_t t;
  pthread_create(&t, NULL, waiter, NULL);
  sem_wait(go);
  pthread_mutex_lock(&m);
  is_ready = 1;
  pthread_cond_signal(&ready);
  pthread_mutex_unlock(&m);
  pthread_join(t, NULL);
  if (child > 0)
    waitpid(child, NULL, 0);
  printf("done\n");
  return 0;
}
// CHECK: ERROR: SyncSanitizer: deadlock: T1 waits on condvar C{{[0-9]+}} 'ready' (0x{{[0-9a-f]+}}) with no signal since it began waiting, and every other thread (T0) is blocked: no thread can signal it
// CHECK: Thread T0 waits in sem_wait on 0x{{[0-9a-f]+}} (nothing has ended it since it began), at:
// CHECK-NEXT: #0 main {{.*}}sem-deadlock-condvar.c:47:3 (sem_wait)
// CHECK-NOT: sem-stall
// CHECK: syncsan: ending the deadlocked process
// CHECK-NOT: done
// SHARED: done
