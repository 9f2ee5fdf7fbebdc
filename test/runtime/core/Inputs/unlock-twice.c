/* Two errors in a row (an unlock of a lock not held, twice at two sites),
 * then a line on stdout: shared by the options tests. */
#include <pthread.h>
#include <stdio.h>

pthread_mutex_t g_lock = PTHREAD_MUTEX_INITIALIZER;

void release_twice(void) {
  pthread_mutex_unlock(&g_lock);
  pthread_mutex_unlock(&g_lock);
}

int main(void) {
  release_twice();
  printf("program finished\n");
  return 0;
}
