/* Two code paths take the same two locks in opposite orders. This run never
 * deadlocks (the threads run one after the other), but syncsan reports the
 * cycle in the lock order the first time it closes: under other timing the
 * two threads would deadlock. */
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t accounts = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t audit_log = PTHREAD_MUTEX_INITIALIZER;
static long balance, entries;

static void *transfer(void *arg) {
  pthread_mutex_lock(&accounts);
  balance += 100;
  pthread_mutex_lock(&audit_log); /* accounts -> audit_log */
  entries++;
  pthread_mutex_unlock(&audit_log);
  pthread_mutex_unlock(&accounts);
  return arg;
}

static void *audit(void *arg) {
  pthread_mutex_lock(&audit_log);
  pthread_mutex_lock(&accounts); /* audit_log -> accounts: inversion */
  printf("audit: balance %ld after %ld entries\n", balance, entries);
  pthread_mutex_unlock(&accounts);
  pthread_mutex_unlock(&audit_log);
  return arg;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, NULL, transfer, NULL);
  pthread_join(t, NULL);
  pthread_create(&t, NULL, audit, NULL);
  pthread_join(t, NULL);
  return 0;
}
