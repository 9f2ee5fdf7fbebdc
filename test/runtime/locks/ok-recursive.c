// Near miss: a recursive mutex re-acquired by its owner, and released as
// often, is correct and stays silent.
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: %expect-exit 0 %t 2>&1 | FileCheck %s --allow-empty
// CHECK-NOT: SyncSanitizer
#define _GNU_SOURCE
#include <pthread.h>

#ifdef __GLIBC__
static pthread_mutex_t static_rec = PTHREAD_RECURSIVE_MUTEX_INITIALIZER_NP;
#endif

int main(void) {
  pthread_mutexattr_t a;
  pthread_mutex_t m;
  pthread_mutexattr_init(&a);
  pthread_mutexattr_settype(&a, PTHREAD_MUTEX_RECURSIVE);
  pthread_mutex_init(&m, &a);
  for (int i = 0; i < 3; i++)
    pthread_mutex_lock(&m);
  for (int i = 0; i < 3; i++)
    pthread_mutex_unlock(&m);
  pthread_mutex_destroy(&m);
#ifdef __GLIBC__
  pthread_mutex_lock(&static_rec);
  pthread_mutex_lock(&static_rec);
  pthread_mutex_unlock(&static_rec);
  pthread_mutex_unlock(&static_rec);
#endif
  return 0;
}
