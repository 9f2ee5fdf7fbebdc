// The prototyped half of knr-declarations.c: the locks, and the calls made
// through <pthread.h>'s prototypes.
#include <pthread.h>

pthread_mutex_t accounts = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t audit_log = PTHREAD_MUTEX_INITIALIZER;

void release_with_prototype(pthread_mutex_t *m) { pthread_mutex_unlock(m); }
void take_with_prototype(pthread_mutex_t *m) { pthread_mutex_lock(m); }
