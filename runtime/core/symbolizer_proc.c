/* The llvm-symbolizer process, run the way the sanitizers run theirs: one
 * child process, started on the first request, reading requests
 * `CODE "<module>" 0x<offset>` and answering each with lines of function
 * and file:line:column, one pair per inlined frame, ended by a blank line.
 *
 * Nothing here may malloc or take a lock the program could hold: requests
 * come from report paths, inside the runtime's own critical sections.
 *   - Start: clone(CLONE_VM | CLONE_VFORK) on a static stack, twice: the
 *     first child starts the second, which does dup2 and execve, and then
 *     exits. fork() would run the program's atfork handlers (which may take
 *     its locks) and copy the address space; posix_spawn allocates its file
 *     actions. The symbolizer is thus the program's grandchild, adopted by
 *     init (or a subreaper) once the first child exits: the program's
 *     wait() never waits for it and no SIGCHLD of its comes to the program
 *     (the first child has no exit signal, and we reap it with __WALL
 *     before clone returns to the program's code). Both children share our
 *     memory until execve, so they only make system calls: the first
 *     resets the signal handlers the program installed (a signal delivered
 *     before execve must not run the program's handler on our memory), with
 *     every signal blocked meanwhile; a failed execve is recorded for us to
 *     read once CLONE_VFORK lets us run again.
 *   - Talk: a socketpair, close-on-exec on our end; sends with
 *     MSG_NOSIGNAL, so a dead symbolizer gives EPIPE, never SIGPIPE; every
 *     read waits in poll() with a deadline.
 *   - The descriptor is the program's namespace too. Ours is moved high
 *     (from SOCK_FD_MIN up), out of the numbers a program opens and closes
 *     in the usual run; and before each use we check it is still our socket
 *     (device and inode), because a program may close descriptors it does
 *     not own (a daemon closing every one, a double close) and reuse the
 *     number: its file must then get none of our requests, nor be closed
 *     by us. The symbolizer is then given up, as for any failure.
 *   - Failure (not found, execve failed, EOF, timeout, an answer that does
 *     not parse): the symbolizer is dead for good in this process, said
 *     once at verbosity>=1; callers fall back to module+offset.
 * The state below is guarded by the caller's lock (symbolize.c). */
#include "symbolizer_proc.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "flags.h"

#define REQUEST_TIMEOUT_MS 10000 /* the first request loads the debug info */

enum { IDLE, RUNNING, DEAD };
static int state = IDLE;
static int sock = -1;
static dev_t sock_dev;
static ino_t sock_ino;
#define SOCK_FD_MIN 900
static pid_t child_pid;
static int failed_warned;
static char spawn_stack[2][32 * 1024] __attribute__((aligned(64)));

static const char default_path[] = "/usr/lib/llvm-19/bin/llvm-symbolizer";

/* Closing our end ends a symbolizer that still reads (EOF on its input).
 * One that stopped answering is killed as well: it is alive, so its pid is
 * still its own (init, its parent now, reaps it). One that exited is left
 * alone: its pid may be another process's by now. */
/* Whether sock is still the socket start() made (see the top). */
static int sock_ours(void) {
  struct stat st;
  return sock >= 0 && fstat(sock, &st) == 0 && st.st_dev == sock_dev && st.st_ino == sock_ino;
}

static void give_up(const char *why, int stuck) {
  if (sock_ours())
    close(sock);
  sock = -1;
  if (stuck && child_pid > 0)
    kill(child_pid, SIGKILL);
  child_pid = 0;
  state = DEAD;
  if (ss_flags.verbosity >= 1)
    ss_warn_once(&failed_warned, "symbolizer: %s; stack frames print as module+offset\n",
                 why);
}

/* Finds name in PATH; the full path into out. */
static int on_path(const char *name, char *out, size_t size) {
  const char *p = ss_getenv("PATH");
  while (p && *p) {
    const char *end = strchr(p, ':');
    size_t len = end ? (size_t)(end - p) : strlen(p);
    if (len > 0 && len + strlen(name) + 2 <= size) {
      memcpy(out, p, len);
      out[len] = '/';
      strcpy(out + len + 1, name);
      if (access(out, X_OK) == 0)
        return 1;
    }
    p = end ? end + 1 : NULL;
  }
  return 0;
}

static int find_symbolizer(char *out, size_t size) {
  const char *opt = ss_flags.external_symbolizer_path;
  if (opt && opt[0]) {
    if (strlen(opt) >= size)
      return 0;
    strcpy(out, opt);
    return access(out, X_OK) == 0;
  }
  if (access(default_path, X_OK) == 0) {
    strcpy(out, default_path);
    return 1;
  }
  return on_path("llvm-symbolizer-19", out, size) || on_path("llvm-symbolizer", out, size);
}

struct spawn {
  const char *path;
  int fd, devnull;
  int exec_errno; /* written by the symbolizer's process when execve fails */
  pid_t pid;      /* the symbolizer's, written by the first child */
};

/* The symbolizer's process: on spawn_stack[1], in our memory until execve. */
static int exec_child(void *arg) {
  struct spawn *s = arg;
  dup2(s->fd, 0);
  dup2(s->fd, 1);
  if (s->devnull >= 0)
    dup2(s->devnull, 2);
  /* The program's other descriptors stay its own. */
  syscall(SYS_close_range, 3u, ~0u, 0u);
  sigset_t none;
  sigemptyset(&none);
  sigprocmask(SIG_SETMASK, &none, NULL);
  char *const argv[] = {(char *)s->path, (char *)"--inlines", (char *)"--demangle", NULL};
  execve(s->path, argv, environ);
  s->exec_errno = errno ? errno : ENOEXEC;
  _exit(127);
}

/* The first child: on spawn_stack[0], in our memory; system calls only. */
static int spawn_child(void *arg) {
  struct spawn *s = arg;
  struct sigaction dfl;
  memset(&dfl, 0, sizeof(dfl));
  dfl.sa_handler = SIG_DFL;
  for (int sig = 1; sig < NSIG; sig++) {
    struct sigaction old;
    if (sigaction(sig, NULL, &old) == 0 && old.sa_handler != SIG_DFL &&
        old.sa_handler != SIG_IGN)
      sigaction(sig, &dfl, NULL);
  }
  /* The symbolizer gets SIGCHLD as its exit signal: its parent, once we
   * are gone, is init (or a subreaper), which reaps by SIGCHLD. */
  s->pid = clone(exec_child, spawn_stack[1] + sizeof(spawn_stack[1]),
                 CLONE_VM | CLONE_VFORK | SIGCHLD, s);
  _exit(0);
}

static int start(void) {
  char path[4096];
  if (!find_symbolizer(path, sizeof(path))) {
    give_up("no llvm-symbolizer found (external_symbolizer_path, "
            "/usr/lib/llvm-19/bin, PATH)", 0);
    return 0;
  }
  int sv[2];
  if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0) {
    give_up("socketpair failed", 0);
    return 0;
  }
  struct spawn s = {path, sv[1], open("/dev/null", O_WRONLY | O_CLOEXEC), 0, -1};
  sigset_t all, old;
  sigfillset(&all);
  pthread_sigmask(SIG_SETMASK, &all, &old);
  pid_t first = clone(spawn_child, spawn_stack[0] + sizeof(spawn_stack[0]),
                      CLONE_VM | CLONE_VFORK, &s);
  if (first > 0)
    while (waitpid(first, NULL, __WALL) < 0 && errno == EINTR) {
    }
  pthread_sigmask(SIG_SETMASK, &old, NULL);
  close(sv[1]);
  if (s.devnull >= 0)
    close(s.devnull);
  sock = sv[0];
  int high = fcntl(sock, F_DUPFD_CLOEXEC, SOCK_FD_MIN);
  if (high >= 0) {
    close(sock);
    sock = high;
  }
  struct stat st;
  if (fstat(sock, &st) == 0) {
    sock_dev = st.st_dev;
    sock_ino = st.st_ino;
  }
  if (s.pid > 0)
    child_pid = s.pid;
  if (first <= 0 || s.pid <= 0 || s.exec_errno) {
    give_up(first <= 0 || s.pid <= 0 ? "cannot start a process" : "cannot run llvm-symbolizer", 0);
    return 0;
  }
  state = RUNNING;
  return 1;
}

static long now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

static int send_all(const char *s, size_t n) {
  while (n) {
    ssize_t w = send(sock, s, n, MSG_NOSIGNAL);
    if (w < 0 && errno == EINTR)
      continue;
    if (w <= 0)
      return 0;
    s += w;
    n -= (size_t)w;
  }
  return 1;
}

/* Reads up to and including the blank line that ends an answer. What does
 * not fit buf is read and dropped, so the next answer starts in step. */
static size_t read_answer(char *buf, size_t size) {
  long deadline = now_ms() + REQUEST_TIMEOUT_MS;
  size_t len = 0;
  char last2[2] = {0, 0};
  for (;;) {
    long left = deadline - now_ms();
    if (left <= 0) {
      give_up("llvm-symbolizer did not answer in time", 1);
      return 0;
    }
    struct pollfd p = {sock, POLLIN, 0};
    int r = poll(&p, 1, (int)left);
    if (r < 0 && errno == EINTR)
      continue;
    if (r <= 0)
      continue; /* the deadline decides */
    char chunk[1024];
    ssize_t n = recv(sock, chunk, sizeof(chunk), 0);
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0) {
      give_up("llvm-symbolizer exited", 0);
      return 0;
    }
    for (ssize_t i = 0; i < n; i++) {
      if (len + 1 < size)
        buf[len++] = chunk[i];
      last2[0] = last2[1];
      last2[1] = chunk[i];
      if (last2[0] == '\n' && last2[1] == '\n') {
        /* An answer is one request's; nothing follows it unasked. */
        buf[len] = 0;
        return len;
      }
    }
  }
}

SS_HIDDEN size_t ss_symbolizer_ask(const char *module, uintptr_t offset, char *buf,
                                   size_t size) {
  if (!ss_flags.symbolize || state == DEAD || size < 2)
    return 0;
  /* A quote in the path would end the quoted name early. */
  if (strchr(module, '"') || strchr(module, '\n'))
    return 0;
  int saved = errno;
  size_t n = 0;
  if (state == RUNNING && !sock_ours())
    give_up("the program closed or replaced its socket", 0);
  else if (state == RUNNING || start()) {
    char req[4200];
    size_t len = ss_format(req, sizeof(req), "CODE \"%s\" 0x%zx\n", module, (size_t)offset);
    if (len + 1 >= sizeof(req))
      n = 0;
    else if (!send_all(req, len))
      give_up("llvm-symbolizer exited", 0);
    else
      n = read_answer(buf, size);
  }
  errno = saved;
  return n;
}

SS_HIDDEN void ss_symbolizer_fork_child(void) {
  /* The parent's socket end and process: close our copy of the socket,
   * never signal the parent's symbolizer. */
  if (sock_ours())
    close(sock);
  sock = -1;
  child_pid = 0;
  if (state == RUNNING)
    state = IDLE;
}
