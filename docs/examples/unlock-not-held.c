/* An error path that unlocks twice: the second unlock releases a mutex the
 * thread no longer holds (undefined behaviour for a normal mutex). syncsan
 * reports it, the program continues unchanged, and the exit status is 66. */
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t state_lock = PTHREAD_MUTEX_INITIALIZER;
static int state;

static int update(int v) {
  pthread_mutex_lock(&state_lock);
  if (v < 0) {
    pthread_mutex_unlock(&state_lock);
    goto fail;
  }
  state = v;
  pthread_mutex_unlock(&state_lock);
  return 0;
fail:
  pthread_mutex_unlock(&state_lock); /* bug: already unlocked */
  return -1;
}

int main(void) {
  update(1);
  update(-1);
  printf("state = %d\n", state);
  return 0;
}
