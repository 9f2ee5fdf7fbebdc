/* The one reader of configuration files (config_file.h has the rules). */
#include "config_file.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static _Noreturn void file_error(const struct ss_config *c, const char *what, int err) {
  char path[1024];
  ss_esc(path, sizeof(path), c->path);
  if (err)
    ss_printf("==%d==syncsan: %s %s file '%s' (errno %d)\n", ss_pid(), what, c->option, path,
              err);
  else
    ss_printf("==%d==syncsan: %s file '%s' %s\n", ss_pid(), c->option, path, what);
  ss_die();
}

SS_HIDDEN void ss_config_read(struct ss_config *c, const char *option, const char *path,
                              char *buf, size_t size) {
  c->path = path;
  c->option = option;
  c->rest = buf;
  c->line = 0;
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    file_error(c, "cannot open", errno);
  /* A directory opens, and only its read fails (EISDIR): name it for what
   * it is. */
  struct stat st;
  if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode))
    file_error(c, "is a directory", 0);
  size_t n = 0;
  while (n + 1 < size) {
    ssize_t r = read(fd, buf + n, size - 1 - n);
    if (r < 0 && errno == EINTR)
      continue;
    if (r < 0)
      file_error(c, "cannot read", errno);
    if (r == 0)
      break;
    n += (size_t)r;
  }
  /* A file that does not fit would lose its tail without a word: refuse it. */
  char extra;
  ssize_t more = n + 1 == size ? read(fd, &extra, 1) : 0;
  close(fd);
  if (more > 0) {
    char shown[1024];
    ss_printf("==%d==syncsan: %s file '%s' is larger than %zu bytes\n", ss_pid(), option,
              ss_esc(shown, sizeof(shown), path), size - 1);
    ss_die();
  }
  buf[n] = 0;
  /* Lines are C strings: a NUL would end the text there, silently. */
  const char *nul = memchr(buf, 0, n);
  if (nul) {
    c->line = 1;
    for (const char *p = buf; p < nul; p++)
      c->line += *p == '\n';
    ss_config_error(c, "a NUL byte; %s files are text", option);
  }
}

static int blank(char ch) { return ch == ' ' || ch == '\t'; }

SS_HIDDEN char *ss_config_line(struct ss_config *c) {
  while (c->rest && *c->rest) {
    char *line = c->rest;
    char *nl = strchr(line, '\n');
    if (nl)
      *nl = 0;
    c->rest = nl ? nl + 1 : NULL;
    c->line++;
    char *end = line + strlen(line);
    if (end > line && end[-1] == '\r')
      *--end = 0;
    for (char *p = line; p < end; p++)
      if (*p == '#' && (p == line || blank(p[-1]))) {
        *p = 0;
        end = p;
        break;
      }
    while (end > line && blank(end[-1]))
      *--end = 0;
    while (blank(*line))
      line++;
    if (*line)
      return line;
  }
  return NULL;
}

/* One line: what it quotes of the file (and its name) is escaped, so no
 * byte of the file can break the line or reach the terminal raw. */
SS_HIDDEN void ss_config_error(const struct ss_config *c, const char *fmt, ...) {
  char what[1024], shown[2048], path[1024];
  va_list ap;
  va_start(ap, fmt);
  ss_vformat(what, sizeof(what), fmt, ap);
  va_end(ap);
  ss_printf("==%d==syncsan: %s:%u: %s\n", ss_pid(), ss_esc(path, sizeof(path), c->path),
            c->line, ss_esc(shown, sizeof(shown), what));
  ss_die();
}
