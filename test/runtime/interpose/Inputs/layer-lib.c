// A lock layer built without the pass: every lock is made by one allocator.
#include <pthread.h>
#include <stdlib.h>

pthread_mutex_t *layer_alloc(void) {
  pthread_mutex_t *m = malloc(sizeof(*m));
  pthread_mutex_init(m, NULL); // LAYER_INIT
  return m;
}
void layer_lock(pthread_mutex_t *m) { pthread_mutex_lock(m); }
void layer_unlock(pthread_mutex_t *m) { pthread_mutex_unlock(m); }
