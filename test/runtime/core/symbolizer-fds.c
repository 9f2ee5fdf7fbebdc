// The symbolizer's socket is the runtime's, not the program's: a program
// that takes over every descriptor after a report started the symbolizer
// (a daemon's dup2 over all of them; a server whose connection gets a
// number it did not open) receives none of the runtime's requests on its
// socket and keeps every descriptor; the next report falls back to
// module+offset.
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: %expect-exit 66 %t 2>&1 | FileCheck %s
// CHECK: ERROR: SyncSanitizer: unlock-not-held
// CHECK: #1 {{.*}}in_parent {{.*}}symbolizer-fds.c:[[#@LINE+20]]
// CHECK: ERROR: SyncSanitizer: unlock-not-held
// CHECK: #1 0x{{[0-9a-f]+}} ({{.*}}symbolizer-fds.c.tmp+0x{{[0-9a-f]+}})
// CHECK: peer got nothing
// CHECK: every descriptor open
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <sys/socket.h>
#include <unistd.h>

static pthread_mutex_t a = PTHREAD_MUTEX_INITIALIZER, b = PTHREAD_MUTEX_INITIALIZER;

__attribute__((noinline)) void release(pthread_mutex_t *m) {
  pthread_mutex_unlock(m);
  __asm__ volatile("" ::: "memory");
}

__attribute__((noinline)) void in_parent(void) {
  release(&a);
  __asm__ volatile("" ::: "memory");
}

__attribute__((noinline)) void after_takeover(void) {
  pthread_mutex_unlock(&b); /* its own site: not a repeat of the first */
  __asm__ volatile("" ::: "memory");
}

int main(void) {
  in_parent();
  int sv[2];
  if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) != 0)
    return 2;
  for (int fd = 3; fd < 1024; fd++)
    if (fd != sv[0] && fd != sv[1])
      dup2(sv[0], fd);
  after_takeover();
  char buf[256];
  if (recv(sv[1], buf, sizeof buf, MSG_DONTWAIT) < 0 && errno == EAGAIN)
    fprintf(stderr, "peer got nothing\n");
  int open_all = 1;
  for (int fd = 3; fd < 1024; fd++)
    if (fcntl(fd, F_GETFD) < 0)
      open_all = 0;
  if (open_all)
    fprintf(stderr, "every descriptor open\n");
  return 0;
}
