/* Fatal signals (fatal_signal.h).
 *
 * At start-up, for each signal in `fatal` whose action is SIG_DFL, the
 * runtime installs its handler (SA_RESETHAND: the action is the default
 * again as soon as the handler runs). A handler the program installs later
 * replaces it, and the runtime never puts its own back: the program's own
 * handling is untouched. On the main thread, the runtime also gives the
 * handler an alternate stack when the program has none, so that a stack
 * overflow can be reported; other threads' overflows die of SIGSEGV
 * unreported (their handler runs on the exhausted stack, faults, and the
 * default action, back since SA_RESETHAND, ends the process).
 *
 * The handler: the families report (family.h, fatal_signal), then the
 * action is set to the default, the signal unblocked and raised again, so
 * that the process ends with the status, and the core dump, it would have
 * without syncsan. A fault re-raised this way ends the process before the
 * handler returns.
 *
 * Re-entry. The handler runs at any point of the interrupted thread:
 *  - inside the runtime (ss_self.in_hook): the thread may hold any runtime
 *    lock and the tables it was updating are half-written. Then nothing is
 *    reported: one line says so (if the log lock is free), and the process
 *    ends;
 *  - while another thread handles a fatal signal: one handler at a time
 *    reports; a second thread waits (bounded) for the first to end the
 *    process, then ends it itself;
 *  - a fault inside the handler itself: its signal's action is the default
 *    already (SA_RESETHAND), so the process ends of it; another fatal
 *    signal on the same thread finds the handler busy and re-raises at
 *    once.
 * Elsewhere the thread holds no runtime lock. Other threads may: they keep
 * running and release them, and every lock the families take here is
 * taken with bounded tries, so a thread stuck in this handler holding one
 * (a second fault) costs a note, never a hang. Nothing here mallocs; the
 * unwinder (stack capture) and symbolizer are the reports' own, as the
 * sanitizers use them from their handlers. halt_on_error is turned off
 * first: the status must stay the signal's, not exitcode's. */
#include "fatal_signal.h"

#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <ucontext.h>
#include <unistd.h>

#include "exit.h"
#include "family.h"
#include "flags.h"
#include "report.h"
#include "thread.h"

static const struct {
  int sig;
  const char *name;
} fatal[] = {
    {SIGSEGV, "SIGSEGV"}, {SIGBUS, "SIGBUS"}, {SIGFPE, "SIGFPE"},   {SIGILL, "SIGILL"},
    {SIGABRT, "SIGABRT"}, {SIGTRAP, "SIGTRAP"}, {SIGTERM, "SIGTERM"}, {SIGINT, "SIGINT"},
    {SIGHUP, "SIGHUP"},   {SIGQUIT, "SIGQUIT"},
};

#define ALT_STACK_BYTES (256u << 10)
/* How long a second thread waits for the first handler to end the
 * process: long enough for a report with symbolization on a loaded
 * machine, and a bound when the first handler is stuck. */
#define WAIT_FOR_FIRST_MS 10000
#define LOCK_TRIES 1000

static const char *name_of(int sig) {
  for (unsigned i = 0; i < SS_ARRAY_SIZE(fatal); i++)
    if (fatal[i].sig == sig)
      return fatal[i].name;
  return "signal";
}

/* The thread handling a fatal signal (its ss_self), or NULL. */
static struct ss_thread *handler_owner;

static _Noreturn void reraise(int sig) {
  struct sigaction dfl;
  memset(&dfl, 0, sizeof(dfl));
  dfl.sa_handler = SIG_DFL;
  sigemptyset(&dfl.sa_mask);
  sigaction(sig, &dfl, NULL);
  sigset_t s;
  sigemptyset(&s);
  sigaddset(&s, sig);
  pthread_sigmask(SIG_UNBLOCK, &s, NULL);
  raise(sig);
  /* Not reached (the signal's action is to end the process); should a
   * sigprocmask of the program's keep it blocked, end with the status a
   * shell would show for it. */
  ss_exit_group(128 + sig);
}

static uintptr_t interrupted_pc(void *uctx) {
  const ucontext_t *uc = uctx;
  if (!uc)
    return 0;
#if defined(__x86_64__)
  return (uintptr_t)uc->uc_mcontext.gregs[REG_RIP];
#elif defined(__aarch64__)
  return (uintptr_t)uc->uc_mcontext.pc;
#else
  return 0;
#endif
}

static void note_inside(const struct ss_fatal *f) {
  char buf[300];
  size_t n;
  if (ss_log_json())
    n = ss_format(buf, sizeof(buf),
                  "{\"tool\":\"syncsan\",\"pid\":%d,\"note\":\"%s arrived while thread T%u was "
                  "inside the runtime: the locks held are not reported\"}\n",
                  ss_pid(), f->name, f->tid);
  else
    n = ss_format(buf, sizeof(buf),
                  "==%d==syncsan: %s arrived while thread T%u was inside the runtime: the locks "
                  "held are not reported\n",
                  ss_pid(), f->name, f->tid);
  ss_log_write_try(buf, n, LOCK_TRIES);
}

static void on_fatal(int sig, siginfo_t *si, void *uctx) {
  struct ss_thread *self = &ss_self;
  struct ss_thread *expected = NULL;
  if (!__atomic_compare_exchange_n(&handler_owner, &expected, self, 0, __ATOMIC_ACQ_REL,
                                   __ATOMIC_ACQUIRE)) {
    /* Another thread reports and will end the process; this one waits for
     * that, unless it is that thread. */
    if (expected != self)
      for (int ms = 0; ms < WAIT_FOR_FIRST_MS; ms += 10) {
        const struct timespec ten = {0, 10 * 1000 * 1000};
        nanosleep(&ten, NULL);
      }
    reraise(sig);
  }
  if (!ss_exit_owned())
    reraise(sig);
  struct ss_fatal f;
  memset(&f, 0, sizeof(f));
  f.sig = sig;
  f.name = name_of(sig);
  f.tid = self->registered ? self->tid : SS_NO_TID;
  f.pc = interrupted_pc(uctx);
  if (si) {
    f.sent = si->si_code <= 0;
    f.sender_pid = f.sent ? (int)si->si_pid : 0;
    f.has_addr = !f.sent && (sig == SIGSEGV || sig == SIGBUS || sig == SIGFPE || sig == SIGILL);
    f.addr = f.has_addr ? (uintptr_t)si->si_addr : 0;
  }
  if (self->in_hook) {
    note_inside(&f);
    reraise(sig);
  }
  ss_flags.halt_on_error = 0;
  ss_enter_runtime(); /* what the report calls passes straight through hooks */
  f.stack = ss_stack_capture(f.pc);
  ss_leave_runtime();
  for (unsigned i = 0; i < ss_nfamilies; i++)
    if (ss_families[i]->fatal_signal)
      ss_families[i]->fatal_signal(&f);
  reraise(sig);
}

/* The main thread's alternate signal stack, when the program set none: a
 * stack overflow's SIGSEGV runs the handler there. */
static void alt_stack(void) {
  stack_t old;
  if (sigaltstack(NULL, &old) != 0 || !(old.ss_flags & SS_DISABLE))
    return;
  void *p = ss_map(ALT_STACK_BYTES);
  if (!p)
    return;
  stack_t st;
  st.ss_sp = p;
  st.ss_size = ALT_STACK_BYTES;
  st.ss_flags = 0;
  if (sigaltstack(&st, NULL) != 0)
    ss_unmap(p, ALT_STACK_BYTES);
}

SS_HIDDEN int ss_program_catches_signals(void) {
  for (int sig = 1; sig < NSIG; sig++) {
    struct sigaction old;
    if (sig == SIGKILL || sig == SIGSTOP || sigaction(sig, NULL, &old) != 0)
      continue; /* glibc's own signals (SIGCANCEL, SIGSETXID) answer EINVAL */
    if (old.sa_flags & SA_SIGINFO) {
      if (old.sa_sigaction != on_fatal)
        return 1;
    } else if (old.sa_handler != SIG_DFL && old.sa_handler != SIG_IGN) {
      return 1;
    }
  }
  return 0;
}

SS_HIDDEN void ss_fatal_signal_init(void) {
  if (!ss_flags.handle_signals)
    return;
  int any = 0;
  for (unsigned i = 0; i < SS_ARRAY_SIZE(fatal); i++) {
    struct sigaction old;
    if (sigaction(fatal[i].sig, NULL, &old) != 0 || (old.sa_flags & SA_SIGINFO) ||
        old.sa_handler != SIG_DFL)
      continue;
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = on_fatal;
    sa.sa_flags = SA_SIGINFO | SA_RESETHAND | SA_ONSTACK;
    /* The other fatal signals wait while one is reported (a SIGTERM after
     * a fault must not cut the report short); faults still end it. */
    sigemptyset(&sa.sa_mask);
    for (unsigned j = 0; j < SS_ARRAY_SIZE(fatal); j++)
      if (fatal[j].sig == SIGTERM || fatal[j].sig == SIGINT || fatal[j].sig == SIGHUP ||
          fatal[j].sig == SIGQUIT)
        sigaddset(&sa.sa_mask, fatal[j].sig);
    if (sigaction(fatal[i].sig, &sa, NULL) == 0)
      any = 1;
  }
  if (any)
    alt_stack();
}
