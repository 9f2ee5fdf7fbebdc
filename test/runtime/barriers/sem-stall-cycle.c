// sem-stall through a lock: a lock holder waits for a post that only a
// thread blocked on that lock makes. T1 posts 'ready' once, then takes
// 'lock' to post again; main holds 'lock' while it waits for the second
// post. The report names the cycle: T1 is blocked acquiring the mutex,
// held by T0, and T0 waits for T1's post. A longer chain, through a
// second semaphore: T1 posts 'a' again only after a second post of 'b'
// that only main, blocked on 'a', makes.
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: env SYNCSAN_OPTIONS=sem_timeout_ms=100:sem_stall_action=abort %expect-exit 66 timeout 10 %t lock 2>&1 | FileCheck %s --check-prefix=LOCK
// RUN: env SYNCSAN_OPTIONS=sem_timeout_ms=100:sem_stall_action=abort %expect-exit 66 timeout 10 %t sems 2>&1 | FileCheck %s --check-prefix=SEMS
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>
#include <string.h>

static sem_t ready, a, b;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static void *poster(void *arg) {
  sem_post(&ready);
  pthread_mutex_lock(&lock);
  sem_post(&ready);
  pthread_mutex_unlock(&lock);
  return arg;
}

static void *relay(void *arg) {
  sem_post(&a);
  sem_wait(&b);
  sem_wait(&b); /* main was to post it once more first */
  sem_post(&a);
  return arg;
}

int main(int argc, char **argv) {
  sem_init(&ready, 0, 0);
  sem_init(&a, 0, 0);
  sem_init(&b, 0, 0);
  pthread_t t;
  if (!strcmp(argc > 1 ? argv[1] : "", "lock")) {
    pthread_mutex_lock(&lock);
    pthread_create(&t, NULL, poster, NULL);
    sem_wait(&ready);
    sem_wait(&ready);
    pthread_mutex_unlock(&lock);
  } else {
    pthread_create(&t, NULL, relay, NULL);
    sem_post(&b);
    sem_wait(&a);
    sem_wait(&a);
  }
  pthread_join(t, NULL);
  printf("not reached\n");
  return 0;
}
// LOCK: ERROR: SyncSanitizer: sem-stall: T0 has waited on semaphore S{{[0-9]+}} 'ready' (0x{{[0-9a-f]+}}) for {{[0-9]+}} ms with no post since, and every thread that ever posted it (T1) is blocked: no thread can post it
// LOCK: Thread T0 waits on semaphore S{{[0-9]+}} 'ready' {{.*}} (value 0), at:
// LOCK: #0 main {{.*}}sem-stall-cycle.c:44:5 (sem_wait)
// LOCK: Thread T1 posted it at the place below; it is now blocked acquiring mutex 0x{{[0-9a-f]+}} at {{.*}}sem-stall-cycle.c:21:3, held by T0, and T0 waits for its post: a deadlock:
// LOCK: #0 poster {{.*}}sem-stall-cycle.c:20:3 (sem_post)
// LOCK: SUMMARY: SyncSanitizer: sem-stall {{.*}}sem-stall-cycle.c:44 in main
// LOCK-NOT: not reached
// SEMS: ERROR: SyncSanitizer: sem-stall: T{{[01]}} has waited on semaphore S{{[0-9]+}} '{{a|b}}'
// SEMS-SAME: every thread that ever posted it ({{.*}}) is blocked: no thread can post it
// SEMS: is now blocked in sem_wait on semaphore S{{[0-9]+}} '{{a|b}}' (0x{{[0-9a-f]+}}) (value 0, posted by {{.*}}) at {{.*}}sem-stall-cycle.c:{{30|50}}:{{3|5}}
// SEMS-SAME: waits for its post: a deadlock
// SEMS-NOT: not reached
