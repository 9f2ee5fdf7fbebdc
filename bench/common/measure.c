/* measure: runs a command and writes its peak RSS to a file.
 *
 *   measure OUTFILE COMMAND [ARGS...]
 *
 * Why not let the Python driver wait4() its children itself: a forked
 * child's peak RSS includes the parent's resident set until exec (the
 * kernel carries the old mm's high-water mark across exec), so every
 * program would appear to use at least the driver's ~20 MB. Forked from
 * this small program, the floor is about 1 MB. SIGTERM and SIGINT are
 * passed on to the command, so a server can be stopped through it.
 * Writes "maxrss_kib N" and exits with the command's status (128+signal
 * if it was killed). */
#include <errno.h>
#include <string.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile pid_t child;

static void forward(int sig) {
  if (child > 0)
    kill(child, sig);
}

int main(int argc, char **argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: measure OUTFILE COMMAND [ARGS...]\n");
    return 125;
  }
  struct sigaction sa = {.sa_handler = forward};
  sigemptyset(&sa.sa_mask);
  sigaction(SIGTERM, &sa, NULL);
  sigaction(SIGINT, &sa, NULL);
  pid_t pid = fork();
  if (pid < 0) {
    perror("measure: fork");
    return 125;
  }
  if (pid == 0) {
    signal(SIGTERM, SIG_DFL);
    signal(SIGINT, SIG_DFL);
    execvp(argv[2], argv + 2);
    fprintf(stderr, "measure: cannot run %s: %s\n", argv[2], strerror(errno));
    _exit(127);
  }
  child = pid;
  int status;
  struct rusage ru;
  while (wait4(pid, &status, 0, &ru) < 0)
    if (errno != EINTR) {
      perror("measure: wait4");
      return 125;
    }
  FILE *f = fopen(argv[1], "w");
  if (!f || fprintf(f, "maxrss_kib %ld\n", ru.ru_maxrss) < 0 || fclose(f) != 0) {
    perror("measure: writing the result");
    return 125;
  }
  if (WIFSIGNALED(status))
    return 128 + WTERMSIG(status);
  return WEXITSTATUS(status);
}
