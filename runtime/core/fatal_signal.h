/* Fatal signals: when one ends the process, the families say what it
 * leaves behind (the locks family: the locks each thread holds) before the
 * process ends with that same signal. */
#ifndef SYNCSAN_FATAL_SIGNAL_H
#define SYNCSAN_FATAL_SIGNAL_H
#include "internal.h"
#include "stack.h"

/* What the handler knows of the signal, for the families' callbacks. */
struct ss_fatal {
  int sig;
  const char *name;    /* "SIGSEGV" */
  uint32_t tid;        /* the thread that got it; SS_NO_TID (report.h): unregistered */
  uintptr_t pc;        /* where it was interrupted; 0 unknown */
  ss_stack_id stack;   /* its call stack from there; 0 none */
  uintptr_t addr;      /* the faulting address, for SIGSEGV, SIGBUS, SIGFPE, SIGILL */
  int has_addr;
  int sent;            /* sent by a process (kill, raise, abort), not a fault */
  int sender_pid;      /* when sent */
};

/* At start-up (handle_signals=1): catches each fatal signal whose action
 * is still the default. */
SS_HIDDEN void ss_fatal_signal_init(void);

/* Whether the program has a handler of its own for some signal (not the
 * runtime's fatal-signal handler, not SIG_DFL or SIG_IGN): a handler may
 * end a wait no thread could (a sem_post from a SIGINT handler), so a
 * stall check that relies on "no thread can run" must not conclude while
 * one is installed. Slow paths: one sigaction query per signal. */
SS_HIDDEN int ss_program_catches_signals(void);
#endif
