// Near misses for locks held at a fatal signal. A fault holding no lock:
// nothing reported, still SIGSEGV. A program with its own SIGSEGV handler
// (installed after start-up, so it replaces syncsan's), faulting with a
// lock held: only its handler runs. Its own SIGTERM handler: the signal is
// the program's business, and the process goes on. handle_signals=0: a
// fault with a lock held dies of SIGSEGV unreported.
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: %expect-exit 139 sh -c 'ulimit -c 0; exec "$0" bare' %t 2>&1 | FileCheck %s --check-prefix=BARE --implicit-check-not=SyncSanitizer
// RUN: %expect-exit 3 %t own-segv 2>&1 | FileCheck %s --check-prefix=OWN --implicit-check-not=SyncSanitizer
// RUN: %expect-exit 0 %t own-term 2>&1 | FileCheck %s --check-prefix=TERM --implicit-check-not=SyncSanitizer
// RUN: env SYNCSAN_OPTIONS=handle_signals=0 %expect-exit 139 sh -c 'ulimit -c 0; exec "$0" held' %t 2>&1 | FileCheck %s --check-prefix=OFF --implicit-check-not=SyncSanitizer
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static pthread_mutex_t g_mu = PTHREAD_MUTEX_INITIALIZER;
static int *volatile g_null;
static volatile sig_atomic_t got_term;

static void own_segv(int sig) {
  (void)sig;
  static const char msg[] = "own handler\n";
  write(2, msg, sizeof(msg) - 1);
  _exit(3);
}

static void own_term(int sig) {
  (void)sig;
  got_term = 1;
}

int main(int argc, char **argv) {
  const char *mode = argc > 1 ? argv[1] : "";
  fprintf(stderr, "start %s\n", mode);
  if (!strcmp(mode, "bare")) {
    *g_null = 1;
  } else if (!strcmp(mode, "own-segv")) {
    signal(SIGSEGV, own_segv);
    pthread_mutex_lock(&g_mu);
    *g_null = 1;
  } else if (!strcmp(mode, "own-term")) {
    signal(SIGTERM, own_term);
    pthread_mutex_lock(&g_mu);
    kill(getpid(), SIGTERM);
    pthread_mutex_unlock(&g_mu);
    fprintf(stderr, "term handled: %d\n", (int)got_term);
  } else if (!strcmp(mode, "held")) {
    pthread_mutex_lock(&g_mu);
    *g_null = 1;
  }
  return 0;
}
// BARE: start bare
// OWN: start own-segv
// OWN-NEXT: own handler
// TERM: start own-term
// TERM-NEXT: term handled: 1
// OFF: start held
