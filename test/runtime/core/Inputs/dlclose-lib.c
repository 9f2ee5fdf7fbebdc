/* An instrumented shared library that the dlclose test loads, uses and
 * closes: its lock, sites and names must outlive the dlclose. */
#include <pthread.h>

pthread_mutex_t lib_lock = PTHREAD_MUTEX_INITIALIZER;

/* Returns holding lib_lock. */
void lib_take(void) { pthread_mutex_lock(&lib_lock); }

void lib_cycle(void) {
  pthread_mutex_lock(&lib_lock);
  pthread_mutex_unlock(&lib_lock);
}
