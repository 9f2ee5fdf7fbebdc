/* Where the runtime's output goes: stderr, stdout, or <log_path>.<pid>.
 * Writes use write(2) directly so that output never interleaves with the
 * program's stdio buffers and never allocates. */
#include "flags.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static const char *log_path; /* the <prefix> of log_path=; NULL: stderr or stdout */
static int log_fd = 2;       /* -1: a log file not opened yet */
static int log_fd_pid;       /* the pid log_fd was chosen for; re-chosen after fork */
static ss_spin_t log_lock SS_RUNTIME_LOCK;
static int broken_pipe; /* a write under log_lock met EPIPE; guarded by log_lock */

SS_HIDDEN int ss_pid(void) { return (int)getpid(); }

static size_t json_message(char *out, size_t size, const char *p, const char *end);
static int write_all(int fd, const char *s, size_t n);

/* Called with the log lock held: writes its line itself. */
static void fall_back(const char *path, const char *why, long detail) {
  char msg[1200], esc[1024];
  size_t n = ss_format(msg, sizeof(msg), "==%d==syncsan: log_path: '%s' ", ss_pid(),
                       ss_esc(esc, sizeof(esc), path));
  n += ss_format(msg + n, sizeof(msg) - n, why, detail);
  n += ss_format(msg + n, sizeof(msg) - n, "; writing to stderr\n");
  log_fd = 2;
  if (ss_log_json()) {
    char out[1400];
    broken_pipe |= write_all(2, out, json_message(out, sizeof(out), msg, msg + n - 1));
  } else {
    broken_pipe |= write_all(2, msg, n);
  }
}

/* The log file of this process, opened at its first write: a process that
 * reports nothing leaves no file. <prefix>.<pid> is a name anyone can
 * predict, so the runtime opens only a regular file that the user owns,
 * never through a symbolic link (O_NOFOLLOW), never a FIFO or device (they
 * fail the regular-file test; O_NONBLOCK keeps a FIFO without a reader
 * from blocking the open). Refused or failed: stderr, said in one line. */
static void open_log_file(void) {
  if (log_fd > 2)
    close(log_fd); /* the parent's, inherited across fork */
  log_fd_pid = ss_pid();
  char path[4096];
  ss_format(path, sizeof(path), "%s.%d", log_path, log_fd_pid);
  int fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK,
                0644);
  if (fd < 0) {
    if (errno == ELOOP)
      fall_back(path, "is a symbolic link", 0);
    else
      fall_back(path, "cannot be opened (errno %ld)", errno);
    return;
  }
  struct stat st;
  if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    close(fd);
    fall_back(path, "is not a regular file", 0);
    return;
  }
  if (st.st_uid != geteuid()) {
    close(fd);
    fall_back(path, "belongs to another user (uid %ld)", (long)st.st_uid);
    return;
  }
  fcntl(fd, F_SETFL, O_APPEND);
  log_fd = fd;
}

/* Text reports are coloured on a terminal only: never in a log file. */
SS_HIDDEN int ss_log_isatty(void) {
  int saved = errno;
  int tty = !log_path && isatty(log_fd);
  errno = saved;
  return tty;
}

SS_HIDDEN void ss_log_open(const char *path) {
  if (!path || !*path || !strcmp(path, "stderr")) {
    log_fd = 2;
  } else if (!strcmp(path, "stdout")) {
    log_fd = 1;
  } else {
    log_path = path;
    log_fd = -1;
  }
}

/* A write that fails is dropped: the program runs on as it would without
 * syncsan. Returns 1 when it failed on a pipe without a reader. */
static int write_all(int fd, const char *s, size_t n) {
  while (n) {
    ssize_t w = write(fd, s, n);
    if (w < 0) {
      if (errno == EINTR)
        continue;
      return errno == EPIPE;
    }
    s += w;
    n -= (size_t)w;
  }
  return 0;
}

/* Every byte the runtime prints goes through here, from hooks that run
 * between the program's own calls: errno is the program's, and the
 * program may be about to read it, so whatever the writes do to it (a
 * closed stderr, a full disk, a broken pipe) is undone. A pipe whose
 * reader has gone must not kill the program with SIGPIPE either: the
 * signal is blocked while the log is opened and written, and one that a
 * write raised is taken back before it is unblocked (one pending before
 * stays pending for the program). */
/* tries 0: wait for the log lock; else give up (writing nothing) after
 * that many attempts. */
static void log_write(const char *s, size_t n, unsigned tries) {
  if (!n) /* nothing to say: no log file either */
    return;
  int saved = errno;
  sigset_t pipe_only, old, pending;
  sigemptyset(&pipe_only);
  sigaddset(&pipe_only, SIGPIPE);
  pthread_sigmask(SIG_BLOCK, &pipe_only, &old);
  int was_pending = sigpending(&pending) == 0 && sigismember(&pending, SIGPIPE);
  if (!tries)
    ss_spin_lock(&log_lock);
  else if (!ss_spin_trylock(&log_lock, tries)) {
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    errno = saved;
    return;
  }
  broken_pipe = 0;
  if (log_path && (log_fd < 0 || log_fd_pid != ss_pid()))
    open_log_file();
  broken_pipe |= write_all(log_fd, s, n);
  int broken = broken_pipe;
  ss_spin_unlock(&log_lock);
  if (broken && !was_pending) {
    const struct timespec now = {0, 0};
    while (sigtimedwait(&pipe_only, NULL, &now) < 0 && errno == EINTR) {
    }
  }
  pthread_sigmask(SIG_SETMASK, &old, NULL);
  errno = saved;
}

SS_HIDDEN void ss_log_write(const char *s, size_t n) { log_write(s, n, 0); }

SS_HIDDEN void ss_log_write_try(const char *s, size_t n, unsigned tries) {
  log_write(s, n, tries ? tries : 1);
}

/* ---- messages ----
 * What the runtime says outside reports (warnings, notes such as "ending
 * the process", option and API messages, the exit line) is written as
 * lines "==PID==<tag> <text>". With log_format=json each line is a JSON
 * object instead, {"tool":"syncsan","pid":N,"warning"|"note":"<text>"},
 * so that a JSON log is JSON Lines from its first line to its last, the
 * messages of every family included, whoever wrote them. */

SS_HIDDEN int ss_log_json(void) {
  return ss_flags.log_format && !strcmp(ss_flags.log_format, "json");
}

static int starts(const char **p, const char *end, const char *prefix) {
  size_t n = strlen(prefix);
  if ((size_t)(end - *p) < n || memcmp(*p, prefix, n))
    return 0;
  *p += n;
  return 1;
}

/* The JSON object of one message line [p, end), into out. */
static size_t json_message(char *out, size_t size, const char *p, const char *end) {
  const char *q = p;
  if (starts(&q, end, "==")) { /* ==PID== */
    while (q < end && *q >= '0' && *q <= '9')
      q++;
    if (starts(&q, end, "=="))
      p = q;
  }
  const char *kind = "note";
  if (starts(&p, end, "WARNING: SyncSanitizer: "))
    kind = "warning";
  else if (!starts(&p, end, "SyncSanitizer: "))
    starts(&p, end, "syncsan: ");
  char text[1024];
  size_t n = (size_t)(end - p) < sizeof(text) - 1 ? (size_t)(end - p) : sizeof(text) - 1;
  memcpy(text, p, n);
  text[n] = 0;
  struct ss_buf b = {out, size, 0};
  ss_buf_printf(&b, "{\"tool\":\"syncsan\",\"pid\":%d,\"%s\":", ss_pid(), kind);
  ss_buf_json_string(&b, text);
  ss_buf_printf(&b, "}\n");
  if (b.len >= size - 1) { /* cut short: keep it one line */
    out[size - 2] = '\n';
    b.len = size - 1;
  }
  return b.len;
}

/* Until the log is set up (log_path=, log_format= parsed and applied),
 * messages wait here, so that those about the options themselves go where
 * and as every later line does. */
static char held_text[8192];
static size_t held_len;
static int holding = 1;

static void message(const char *s, size_t n) {
  if (holding) {
    if (held_len + n > sizeof(held_text))
      n = sizeof(held_text) - held_len;
    memcpy(held_text + held_len, s, n);
    held_len += n;
    return;
  }
  if (!ss_log_json()) {
    ss_log_write(s, n);
    return;
  }
  for (const char *p = s, *end = s + n; p < end;) {
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    const char *line_end = nl ? nl : end;
    if (line_end > p) {
      char out[1400];
      ss_log_write(out, json_message(out, sizeof(out), p, line_end));
    }
    p = nl ? nl + 1 : end;
  }
}

SS_HIDDEN void ss_log_ready(void) {
  holding = 0;
  message(held_text, held_len);
  held_len = 0;
}

SS_HIDDEN void ss_log_message(const char *s, size_t n) { message(s, n); }

SS_HIDDEN void ss_printf(const char *fmt, ...) {
  char buf[1024];
  va_list ap;
  va_start(ap, fmt);
  size_t n = ss_vformat(buf, sizeof(buf), fmt, ap);
  va_end(ap);
  message(buf, n);
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
  message(buf, n);
}
