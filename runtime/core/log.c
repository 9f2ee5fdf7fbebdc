/* Where the runtime's output goes: stderr, stdout, or <log_path>.<pid>.
 * Writes use write(2) directly so that output never interleaves with the
 * program's stdio buffers and never allocates. */
#include "internal.h"

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

SS_HIDDEN int ss_pid(void) { return (int)getpid(); }

static void fall_back(const char *path, const char *why, long detail) {
  char msg[4400];
  size_t n = ss_format(msg, sizeof(msg), "==%d==syncsan: log_path: '%s' ", ss_pid(), path);
  n += ss_format(msg + n, sizeof(msg) - n, why, detail);
  n += ss_format(msg + n, sizeof(msg) - n, "; writing to stderr\n");
  (void)!write(2, msg, n);
  log_fd = 2;
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
 * syncsan. A pipe whose reader has gone must not kill it with SIGPIPE
 * either: the signal is blocked around the write, and one that the write
 * raised is taken back before it is unblocked (one pending before stays
 * pending for the program). */
static void write_all(int fd, const char *s, size_t n) {
  sigset_t pipe_only, old, pending;
  sigemptyset(&pipe_only);
  sigaddset(&pipe_only, SIGPIPE);
  pthread_sigmask(SIG_BLOCK, &pipe_only, &old);
  int was_pending = sigpending(&pending) == 0 && sigismember(&pending, SIGPIPE);
  int broken = 0;
  while (n) {
    ssize_t w = write(fd, s, n);
    if (w < 0) {
      if (errno == EINTR)
        continue;
      broken = errno == EPIPE;
      break;
    }
    s += w;
    n -= (size_t)w;
  }
  if (broken && !was_pending) {
    const struct timespec now = {0, 0};
    while (sigtimedwait(&pipe_only, NULL, &now) < 0 && errno == EINTR) {
    }
  }
  pthread_sigmask(SIG_SETMASK, &old, NULL);
}

/* Every byte the runtime prints goes through here, from hooks that run
 * between the program's own calls: errno is the program's, and the
 * program may be about to read it, so whatever the write does to it (a
 * closed stderr, a full disk, a broken pipe) is undone. */
SS_HIDDEN void ss_log_write(const char *s, size_t n) {
  int saved = errno;
  ss_spin_lock(&log_lock);
  if (log_path && (log_fd < 0 || log_fd_pid != ss_pid()))
    open_log_file();
  write_all(log_fd, s, n);
  ss_spin_unlock(&log_lock);
  errno = saved;
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
