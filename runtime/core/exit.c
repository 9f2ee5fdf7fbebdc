/* How the process ends, and with what status. A process that reported an
 * error exits with exitcode= however it ends:
 *
 * - exit() and a return from main: the atexit handler registered at
 *   start-up (first, so it runs last, after the program's own handlers and
 *   static destructors, which may still lock) runs every family's exit
 *   checks and summaries, prints the closing line and ends the process with
 *   exitcode;
 * - _exit() and _Exit(): the runtime, linked whole into the executable,
 *   defines them, so the program's calls (and those of its libraries, which
 *   bind to the executable's definition first) come here. They end the
 *   process at once, as the real ones do (no handlers, no stdio flush), but
 *   with exitcode after a closing line;
 * - quick_exit(): a handler registered at start-up does the same.
 *
 * The real end is the exit_group system call, which is all glibc's _exit
 * does; the runtime's own exits use it directly.
 *
 * Only the process the runtime state belongs to changes its status: the
 * child of a vfork (or of a raw clone) shares the parent's memory and has
 * another pid, and its _exit(127) after a failed exec must stay 127. A
 * forked child starts counting its own errors (core/fork.c). */
#include "exit.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "family.h"
#include "flags.h"
#include "report.h"
#include "suppress.h"
#include "thread.h"

static int owner_pid; /* the process whose runtime state this is */

SS_HIDDEN void ss_exit_set_owner(void) { owner_pid = (int)getpid(); }

SS_HIDDEN _Noreturn void ss_exit_group(int status) {
  for (;;)
    syscall(SYS_exit_group, status);
}

SS_HIDDEN _Noreturn void ss_die(void) { ss_exit_group((int)ss_flags.exitcode); }

/* The closing lines ("N more reports suppressed" when the caps left some
 * out, "N error reports"; with log_format=json one object with both);
 * returns the status the process must end with. */
static int closing(int status) {
  unsigned long errors = ss_error_count(), printed = ss_errors_printed();
  unsigned long capped = ss_reports_capped();
  if (ss_log_json()) {
    if (ss_flags.verbosity >= 1 || errors || capped) {
      char buf[200];
      size_t n = ss_format(buf, sizeof(buf),
                           "{\"tool\":\"syncsan\",\"pid\":%d,\"exit\":{\"error_reports\":%lu,"
                           "\"reports_suppressed\":%lu,\"status\":%d}}\n",
                           ss_pid(), printed, capped, errors ? (int)ss_flags.exitcode : status);
      ss_log_write(buf, n);
    }
  } else {
    if (capped)
      ss_printf("==%d==SyncSanitizer: %lu more report%s suppressed (max_reports_per_check=%ld, "
                "max_reports=%ld)\n",
                ss_pid(), capped, capped == 1 ? "" : "s", ss_flags.max_reports_per_check,
                ss_flags.max_reports);
    if (ss_flags.verbosity >= 1 || errors)
      ss_printf("==%d==SyncSanitizer: %lu error report%s\n", ss_pid(), printed,
                printed == 1 ? "" : "s");
  }
  return errors ? (int)ss_flags.exitcode : status;
}

static int owned(void) { return ss_inited && (int)getpid() == owner_pid; }

SS_HIDDEN int ss_exit_owned(void) { return owned(); }

static void at_exit(void) {
  if (!owned())
    return;
  /* The program's buffered output first, so the log reads in order. */
  fflush(NULL);
  ss_thread_process_exit();
  for (unsigned i = 0; i < ss_nfamilies; i++)
    if (ss_families[i]->process_exit)
      ss_families[i]->process_exit();
  ss_suppress_print_stats();
  int status = closing(0);
  if (ss_error_count()) /* exit()'s own status, even a zero one, gives way */
    ss_exit_group(status);
}

static void at_quick_exit_handler(void) {
  if (owned() && ss_error_count())
    ss_exit_group(closing(0));
}

SS_HIDDEN void ss_exit_init(void) {
  ss_exit_set_owner();
  atexit(at_exit);
  at_quick_exit(at_quick_exit_handler);
}

static _Noreturn void end_now(int status) {
  if (owned())
    status = closing(status);
  ss_exit_group(status);
}

SS_EXPORT void _exit(int status) { end_now(status); }
SS_EXPORT void _Exit(int status) { end_now(status); }
