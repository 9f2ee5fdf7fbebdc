/* Small configuration files named by options (suppressions=, lock_levels=,
 * and every later one): read whole at start-up into the caller's buffer, and
 * split into lines in place. */
#include "internal.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

SS_HIDDEN size_t ss_read_config(const char *path, const char *option, char *buf, size_t size) {
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    ss_printf("==%d==syncsan: cannot open %s file '%s'\n", ss_pid(), option, path);
    ss_die();
  }
  size_t n = 0;
  while (n + 1 < size) {
    ssize_t r = read(fd, buf + n, size - 1 - n);
    if (r < 0 && errno == EINTR)
      continue;
    if (r <= 0)
      break;
    n += (size_t)r;
  }
  /* A file that does not fit would lose its tail without a word: refuse it. */
  char extra;
  ssize_t more = n + 1 == size ? read(fd, &extra, 1) : 0;
  close(fd);
  if (more > 0) {
    ss_printf("==%d==syncsan: %s file '%s' is larger than %zu bytes\n", ss_pid(), option,
              path, size - 1);
    ss_die();
  }
  buf[n] = 0;
  return n;
}

SS_HIDDEN char *ss_next_line(char **cursor) {
  char *line = *cursor;
  if (!line || !*line)
    return NULL;
  char *nl = strchr(line, '\n');
  if (nl)
    *nl++ = 0;
  *cursor = nl;
  return line;
}
