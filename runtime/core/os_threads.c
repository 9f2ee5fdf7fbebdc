/* The kernel's count of the process's threads (os_threads.h). */
#include "os_threads.h"

#include <fcntl.h>
#include <string.h>
#include <unistd.h>

SS_HIDDEN uint32_t ss_os_thread_count(void) {
  char buf[4096];
  int fd = open("/proc/self/status", O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return 0;
  ssize_t n = read(fd, buf, sizeof(buf) - 1);
  close(fd);
  if (n <= 0)
    return 0;
  buf[n] = 0;
  for (char *p = buf; (p = strstr(p, "Threads:")) != NULL; p++) {
    if (p != buf && p[-1] != '\n')
      continue;
    uint32_t v = 0;
    for (p += 8; *p == ' ' || *p == '\t'; p++) {
    }
    for (; *p >= '0' && *p <= '9'; p++)
      v = v * 10 + (uint32_t)(*p - '0');
    return v;
  }
  return 0;
}
