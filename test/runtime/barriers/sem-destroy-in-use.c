// sem-destroy-in-use: sem_destroy, and sem_init again, while a thread is
// blocked waiting on the semaphore. The real calls still run, and a post
// lets the waiter go (glibc's init forgets that it waits, so its post
// wakes no one: the waiter's timeout ends its wait, and it tries again),
// so the program ends as it would without syncsan.
// Silent: destroying right after the post that wakes the last waiter, and
// after joining it.
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: %expect-exit 66 %t destroy 2>&1 | FileCheck %s --check-prefix=DESTROY
// RUN: %expect-exit 66 %t reinit 2>&1 | FileCheck %s --check-prefix=REINIT
// RUN: %expect-exit 0 %t woken 2>&1 | FileCheck %s --check-prefix=OK --implicit-check-not=SyncSanitizer
#define _GNU_SOURCE
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static sem_t s;
static pid_t waiter_tid;

static void *waiter(void *arg) {
  __atomic_store_n(&waiter_tid, gettid(), __ATOMIC_RELEASE);
  for (;;) {
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    ts.tv_sec += 1;
    if (sem_timedwait(&s, &ts) == 0)
      return arg;
  }
}

/* Until thread tid sleeps in the kernel (its sem_wait's futex wait). */
static void wait_until_sleeping(pid_t tid) {
  char path[64], buf[256];
  snprintf(path, sizeof(path), "/proc/self/task/%d/stat", (int)tid);
  for (;;) {
    FILE *f = fopen(path, "r");
    size_t n = f ? fread(buf, 1, sizeof(buf) - 1, f) : 0;
    if (f)
      fclose(f);
    buf[n] = 0;
    const char *p = strrchr(buf, ')');
    if (p && p[1] == ' ' && p[2] == 'S')
      return;
    usleep(1000);
  }
}

int main(int argc, char **argv) {
  const char *mode = argc > 1 ? argv[1] : "";
  sem_init(&s, 0, 0);
  pthread_t t;
  pthread_create(&t, NULL, waiter, NULL);
  while (!__atomic_load_n(&waiter_tid, __ATOMIC_ACQUIRE))
    usleep(1000);
  wait_until_sleeping(waiter_tid);
  if (!strcmp(mode, "destroy")) {
    sem_destroy(&s);
    sem_post(&s);
  } else if (!strcmp(mode, "reinit")) {
    sem_init(&s, 0, 0);
    sem_post(&s);
  } else {
    sem_post(&s);
    sem_destroy(&s);
  }
  pthread_join(t, NULL);
  printf("joined\n");
  return 0;
}
// DESTROY: ERROR: SyncSanitizer: sem-destroy-in-use: thread T0 destroys semaphore S{{[0-9]+}} 's' (0x{{[0-9a-f]+}}) while 1 thread is blocked waiting on it
// DESTROY: Destruction by thread T0:
// DESTROY: #0 main {{.*}}sem-destroy-in-use.c:60:5 (sem_destroy)
// DESTROY: Thread T1 waits on it, at:
// DESTROY: #0 waiter {{.*}}sem-destroy-in-use.c:29:9 (sem_timedwait)
// DESTROY: semaphore S{{[0-9]+}} was initialised at:
// DESTROY: #0 main {{.*}}sem-destroy-in-use.c:53:3 (sem_init)
// The post after the destroy is a use of a destroyed semaphore.
// DESTROY: ERROR: SyncSanitizer: sem-uninitialized: thread T0 posts semaphore S{{[0-9]+}} 's' {{.*}}, which was destroyed and not initialised again
// DESTROY: joined
// REINIT: ERROR: SyncSanitizer: sem-destroy-in-use: thread T0 re-initialises semaphore S{{[0-9]+}} 's' (0x{{[0-9a-f]+}}) while 1 thread is blocked waiting on it
// REINIT: Re-initialisation by thread T0:
// REINIT: #0 main {{.*}}sem-destroy-in-use.c:63:5 (sem_init)
// REINIT: Thread T1 waits on it, at:
// REINIT: joined
// REINIT: 1 error report
// OK: joined
