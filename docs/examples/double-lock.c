/* A helper that locks a mutex its caller already holds: without syncsan the
 * thread hangs forever; with it, a report names both acquisitions and the
 * process exits with status 66 instead of hanging. */
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t table_lock = PTHREAD_MUTEX_INITIALIZER;
static int table[16];

static int table_get(int i) {
  pthread_mutex_lock(&table_lock);
  int v = table[i];
  pthread_mutex_unlock(&table_lock);
  return v;
}

static void table_bump(int i) {
  pthread_mutex_lock(&table_lock);
  table[i] = table_get(i) + 1; /* bug: table_get locks table_lock again */
  pthread_mutex_unlock(&table_lock);
}

int main(void) {
  table_bump(3);
  printf("table[3] = %d\n", table[3]);
  return 0;
}
