/* A lock program that needs no system header, so that it compiles for any
 * target (-m32, --target=...) without that target's libc installed. */
typedef struct { long opaque[8]; } mutex_t;
int pthread_mutex_lock(mutex_t *);
int pthread_mutex_unlock(mutex_t *);

static mutex_t m;

int main(void) {
  pthread_mutex_lock(&m);
  return pthread_mutex_unlock(&m);
}
