// Built without the pass: waits on the barrier it is given. The empty asm
// after the call keeps it from being a tail call, so the call's return
// address, the interposer's site, is in lib_wait at every -O level.
#include <pthread.h>

int lib_wait(pthread_barrier_t *b) {
  int rc = pthread_barrier_wait(b);
  __asm__ volatile("" ::: "memory");
  return rc;
}
