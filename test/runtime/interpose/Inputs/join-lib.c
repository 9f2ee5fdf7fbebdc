// Built without the pass: runs fn in a thread of its own, and joins it
// (or leaves it running).
#include <pthread.h>

void lib_run_joined(void *(*fn)(void *), void *arg) {
  pthread_t t;
  pthread_create(&t, NULL, fn, arg);
  pthread_join(t, NULL);
}

pthread_t lib_run(void *(*fn)(void *), void *arg) {
  pthread_t t;
  pthread_create(&t, NULL, fn, arg);
  return t;
}

void lib_join(pthread_t t) { pthread_join(t, NULL); }
