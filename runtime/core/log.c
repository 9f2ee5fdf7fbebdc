/* Where the runtime's output goes: stderr, stdout, or <log_path>.<pid>.
 * Writes use write(2) directly so that output never interleaves with the
 * program's stdio buffers and never allocates. */
#include "flags.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static int log_fd = 2;
static int log_fd_pid; /* the pid log_fd was opened for; re-open after fork */
static ss_spin_t log_lock;

SS_HIDDEN int ss_pid(void) { return (int)getpid(); }

static void open_log_file(void) {
  const char *p = ss_flags.log_path;
  if (!p || !*p || !strcmp(p, "stderr")) {
    log_fd = 2;
    return;
  }
  if (!strcmp(p, "stdout")) {
    log_fd = 1;
    return;
  }
  char path[4096];
  ss_format(path, sizeof(path), "%s.%d", p, ss_pid());
  int fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd < 0) {
    char msg[4200];
    size_t n = ss_format(msg, sizeof(msg),
                         "==%d==syncsan: cannot open log_path '%s' (errno %d); "
                         "writing to stderr\n",
                         ss_pid(), path, errno);
    (void)!write(2, msg, n);
    log_fd = 2;
    return;
  }
  if (log_fd > 2)
    close(log_fd);
  log_fd = fd;
  log_fd_pid = ss_pid();
}

SS_HIDDEN void ss_log_open(void) { open_log_file(); }

static void write_all(int fd, const char *s, size_t n) {
  while (n) {
    ssize_t w = write(fd, s, n);
    if (w < 0) {
      if (errno == EINTR)
        continue;
      return;
    }
    s += w;
    n -= (size_t)w;
  }
}

SS_HIDDEN void ss_log_write(const char *s, size_t n) {
  ss_spin_lock(&log_lock);
  if (log_fd > 2 && log_fd_pid != ss_pid())
    open_log_file();
  write_all(log_fd, s, n);
  ss_spin_unlock(&log_lock);
}

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

SS_HIDDEN void ss_printf(const char *fmt, ...) {
  char buf[1024];
  va_list ap;
  va_start(ap, fmt);
  size_t n = ss_vformat(buf, sizeof(buf), fmt, ap);
  va_end(ap);
  ss_log_write(buf, n);
}

SS_HIDDEN void ss_warn_once(int *once, const char *fmt, ...) {
  if (__atomic_exchange_n(once, 1, __ATOMIC_RELAXED))
    return;
  char buf[1024];
  size_t n = ss_format(buf, sizeof(buf), "==%d==WARNING: SyncSanitizer: ", ss_pid());
  va_list ap;
  va_start(ap, fmt);
  n += ss_vformat(buf + n, sizeof(buf) - n, fmt, ap);
  va_end(ap);
  ss_log_write(buf, n);
}

/* ---- small shared utilities ---- */

static inline void ss_cpu_relax(void) {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();
#elif defined(__aarch64__)
  __asm__ __volatile__("yield");
#endif
}

SS_HIDDEN void ss_spin_lock(ss_spin_t *s) {
  for (;;) {
    if (!__atomic_exchange_n(&s->v, 1, __ATOMIC_ACQUIRE))
      return;
    while (__atomic_load_n(&s->v, __ATOMIC_RELAXED))
      ss_cpu_relax();
  }
}

SS_HIDDEN void ss_spin_unlock(ss_spin_t *s) {
  __atomic_store_n(&s->v, 0, __ATOMIC_RELEASE);
}

SS_HIDDEN void *ss_map(size_t bytes) {
  void *p = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
                 -1, 0);
  return p == MAP_FAILED ? NULL : p;
}

SS_HIDDEN void ss_unmap(void *p, size_t bytes) { munmap(p, bytes); }

SS_EXPORT __thread const struct syncsan_site *__syncsan_caller_site;

static const char *const op_names[] = {
#define SS_OP_NAME(name, str) str,
    SYNCSAN_OP_LIST(SS_OP_NAME)
#undef SS_OP_NAME
};

SS_HIDDEN const char *ss_op_name(uint32_t op) {
  return op < SS_ARRAY_SIZE(op_names) ? op_names[op] : "unknown";
}
