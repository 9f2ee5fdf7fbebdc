// For tests: waits until thread `tid` (a gettid() value) sleeps in the
// kernel, i.e. it has entered the blocking call it was about to make.
#include <stdio.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static inline pid_t test_gettid(void) { return (pid_t)syscall(SYS_gettid); }

static inline void wait_blocked(pid_t tid) {
  char path[64], buf[256];
  snprintf(path, sizeof(path), "/proc/self/task/%d/stat", (int)tid);
  for (;;) {
    FILE *f = fopen(path, "r");
    char state = 0;
    if (f) {
      if (fgets(buf, sizeof(buf), f)) {
        char *p = buf;
        for (char *q = buf; *q; q++)
          if (*q == ')')
            p = q;
        if (p[0] == ')' && p[1] == ' ')
          state = p[2];
      }
      fclose(f);
    }
    if (state == 'S')
      return;
    struct timespec ms = {0, 1000 * 1000};
    nanosleep(&ms, NULL);
  }
}
