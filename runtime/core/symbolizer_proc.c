/* The llvm-symbolizer process, run the way the sanitizers run theirs: one
 * child process, started on the first request, reading requests
 * `CODE "<module>" 0x<offset>` and answering each with lines of function
 * and file:line:column, one pair per inlined frame, ended by a blank line.
 *
 * Nothing here may malloc or take a lock the program could hold: requests
 * come from report paths, inside the runtime's own critical sections.
 *   - Start: clone(CLONE_VM | CLONE_VFORK) on a static stack, then dup2
 *     and execve in the child. fork() would run the program's atfork
 *     handlers (which may take its locks) and copy the address space;
 *     posix_spawn allocates its file actions. The child shares our memory
 *     until execve, so it only makes system calls: it resets the signal
 *     handlers the program installed (a signal delivered to it before
 *     execve must not run the program's handler on our memory) with every
 *     signal blocked meanwhile, and records a failed execve for us to read
 *     once CLONE_VFORK lets us run again. No exit signal: the program's
 *     wait() and SIGCHLD handler never see this child (we reap it with
 *     __WALL).
 *   - Talk: a socketpair, close-on-exec on our end; sends with
 *     MSG_NOSIGNAL, so a dead symbolizer gives EPIPE, never SIGPIPE; every
 *     read waits in poll() with a deadline.
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
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "flags.h"

#define REQUEST_TIMEOUT_MS 10000 /* the first request loads the debug info */

enum { IDLE, RUNNING, DEAD };
static int state = IDLE;
static int sock = -1;
static pid_t child_pid;
static int failed_warned;
static char spawn_stack[64 * 1024] __attribute__((aligned(64)));

static const char default_path[] = "/usr/lib/llvm-19/bin/llvm-symbolizer";

static void give_up(const char *why) {
  if (sock >= 0)
    close(sock);
  sock = -1;
  if (child_pid > 0) {
    kill(child_pid, SIGKILL);
    waitpid(child_pid, NULL, __WALL);
  }
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
  int exec_errno; /* written by the child when execve fails */
};

/* Runs on spawn_stack in our memory until execve: system calls only. */
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

static int start(void) {
  char path[4096];
  if (!find_symbolizer(path, sizeof(path))) {
    give_up("no llvm-symbolizer found (external_symbolizer_path, "
            "/usr/lib/llvm-19/bin, PATH)");
    return 0;
  }
  int sv[2];
  if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0) {
    give_up("socketpair failed");
    return 0;
  }
  struct spawn s = {path, sv[1], open("/dev/null", O_WRONLY | O_CLOEXEC), 0};
  sigset_t all, old;
  sigfillset(&all);
  pthread_sigmask(SIG_SETMASK, &all, &old);
  pid_t pid = clone(spawn_child, spawn_stack + sizeof(spawn_stack), CLONE_VM | CLONE_VFORK, &s);
  pthread_sigmask(SIG_SETMASK, &old, NULL);
  close(sv[1]);
  if (s.devnull >= 0)
    close(s.devnull);
  sock = sv[0];
  if (pid > 0)
    child_pid = pid;
  if (pid <= 0 || s.exec_errno) {
    give_up(pid <= 0 ? "cannot start a process" : "cannot run llvm-symbolizer");
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
      give_up("llvm-symbolizer did not answer in time");
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
      give_up("llvm-symbolizer exited");
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
  if (state == RUNNING || start()) {
    char req[4200];
    size_t len = ss_format(req, sizeof(req), "CODE \"%s\" 0x%zx\n", module, (size_t)offset);
    if (len + 1 >= sizeof(req))
      n = 0;
    else if (!send_all(req, len))
      give_up("llvm-symbolizer exited");
    else
      n = read_answer(buf, size);
  }
  errno = saved;
  return n;
}

SS_HIDDEN void ss_symbolizer_fork_child(void) {
  /* The parent's socket end and process: close our copy of the socket,
   * never signal or reap the parent's child. */
  if (sock >= 0)
    close(sock);
  sock = -1;
  child_pid = 0;
  if (state == RUNNING)
    state = IDLE;
}
