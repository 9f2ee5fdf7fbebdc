// syncsan_set_thread_name checks its argument: NULL clears the name (it
// crashed), a name longer than 31 bytes is cut to 31, and no byte past
// those is read.
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: %expect-exit 66 %t 2>&1 | FileCheck %s
// CHECK: unlock-not-held: thread T1 releases
// CHECK: Thread T1 created by T0 at:
// CHECK: unlock-not-held: thread T2 releases
// CHECK: Thread T2 'abcdefghijklmnopqrstuvwxyz01234' created by T0 at:
// CHECK: unlock-not-held: thread T3 releases
// CHECK: Thread T3 'thirty-one-bytes-and-no-NUL-end' created by T0 at:
#include <pthread.h>
#include <string.h>
#include <sys/mman.h>
#include <syncsan/syncsan.h>

static pthread_mutex_t m1 = PTHREAD_MUTEX_INITIALIZER, m2 = PTHREAD_MUTEX_INITIALIZER,
                       m3 = PTHREAD_MUTEX_INITIALIZER;

static void *cleared(void *arg) {
  syncsan_set_thread_name("first");
  syncsan_set_thread_name(NULL);
  pthread_mutex_unlock(&m1);
  return arg;
}

static void *long_name(void *arg) {
  syncsan_set_thread_name("abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz");
  pthread_mutex_unlock(&m2);
  return arg;
}

/* 31 bytes without a NUL, then an unreadable page: only those 31 may be
 * read. */
static void *unterminated(void *arg) {
  char *page = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (page == MAP_FAILED || mprotect(page + 4096, 4096, PROT_NONE))
    return arg;
  char *name = page + 4096 - 31;
  memcpy(name, "thirty-one-bytes-and-no-NUL-end", 31);
  syncsan_set_thread_name(name);
  pthread_mutex_unlock(&m3);
  return arg;
}

int main(void) {
  void *(*fns[])(void *) = {cleared, long_name, unterminated};
  for (int i = 0; i < 3; i++) {
    pthread_t t;
    pthread_create(&t, NULL, fns[i], NULL);
    pthread_join(t, NULL);
  }
  return 0;
}
