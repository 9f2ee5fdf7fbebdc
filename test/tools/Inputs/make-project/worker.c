#include <pthread.h>
long total;
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
void *work(void *arg) {
  for (int i = 0; i < 1000; i++) {
    pthread_mutex_lock(&mu);
    total++;
    pthread_mutex_unlock(&mu);
  }
  return arg;
}
