/* A library function that takes a lock: instrumented, it calls the
 * __syncsan_* hooks, which the program that loads the library defines. */
#include <pthread.h>

static pthread_mutex_t lib_lock = PTHREAD_MUTEX_INITIALIZER;
static int lib_count;

int lib_bump(void) {
  pthread_mutex_lock(&lib_lock);
  int n = ++lib_count;
  pthread_mutex_unlock(&lib_lock);
  return n;
}
