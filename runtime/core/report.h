/* Reports: built into one static buffer under a lock, rendered as text
 * (sanitizer style) or JSON, printed with write(2). No malloc anywhere. */
#ifndef SYNCSAN_REPORT_H
#define SYNCSAN_REPORT_H
#include "internal.h"
#include "stack.h"

enum ss_severity { SS_SEV_ERROR, SS_SEV_WARNING };

#define SS_NO_TID UINT32_MAX
#define SS_REPORT_MAX_SECTIONS 24
#define SS_REPORT_MAX_THREADS 8

/* A titled source location: "<title>:\n    #0 <function> <file>:<line>:<col>",
 * then the frames of the call stack above it ("#1 ...", report_frames.h). */
struct ss_report_section {
  char title[1024]; /* two long class names and the words around them */
  const struct syncsan_site *site; /* may be NULL: the title stands alone */
  ss_stack_id stack;               /* the stack above site; 0: none */
  uint8_t here;                    /* the current operation's: captured at ss_report_end */
};

struct ss_report {
  const char *check;
  enum ss_severity sev;
  char headline[1024];
  struct ss_report_section sec[SS_REPORT_MAX_SECTIONS];
  unsigned nsec;
  uint32_t threads[SS_REPORT_MAX_THREADS]; /* threads described at the end */
  unsigned nthreads;
  struct ss_buf notes; /* free text printed after the sections */
  char notes_data[4096];
  const struct syncsan_site *where; /* the site the SUMMARY line names */
};

/* Starts a report, or returns NULL when this (check, key1, key2) was
 * reported before (each distinct problem is reported once) or is
 * suppressed. Reports are serialised: a non-NULL result holds the report
 * lock until ss_report_end. */
SS_HIDDEN struct ss_report *ss_report_begin(const char *check, enum ss_severity sev,
                                            const struct syncsan_site *where,
                                            uintptr_t key1, uintptr_t key2);
/* The same, where suppressions may also match `names` (lock and class
 * names; a NULL-terminated list). */
SS_HIDDEN struct ss_report *ss_report_begin_names(const char *check, enum ss_severity sev,
                                                  const struct syncsan_site *where,
                                                  const char *const *names,
                                                  uintptr_t key1, uintptr_t key2);
SS_HIDDEN void ss_report_headline(struct ss_report *r, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
SS_HIDDEN void ss_report_section(struct ss_report *r, const struct syncsan_site *site,
                                 const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* A section with a stored call stack (a lock-order edge's, say). */
SS_HIDDEN void ss_report_section_stack(struct ss_report *r, const struct syncsan_site *site,
                                       ss_stack_id stack, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* A section about the operation the calling hook is handling: its stack is
 * captured from the hook's return address (ss_self.hook_pc, which the
 * hook's slow path noted, or the dynamic site's own address) when the
 * report ends, and only if it is printed or its frames decide whether it
 * repeats an earlier report. */
SS_HIDDEN void ss_report_section_here(struct ss_report *r, const struct syncsan_site *site,
                                      const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Mentions a thread: its creation site is described once at the end. */
SS_HIDDEN void ss_report_thread(struct ss_report *r, uint32_t tid);
/* Prints, releases the report lock, counts it, and honours halt_on_error.
 * Not printed: a report whose check and places repeat an earlier one's
 * (where, and every section's, in order; a place is the first frame
 * outside lock wrappers, so one bug reached through one helper from two
 * callers is two reports, and from one caller twice is one), and one past max_reports_per_check or
 * max_reports (counted: it still sets the exit status, and the exit says
 * how many were left out). */
SS_HIDDEN void ss_report_end(struct ss_report *r);

/* Errors found, printed or not (past a cap): they set the exit status. */
SS_HIDDEN unsigned long ss_error_count(void);
/* Errors printed. */
SS_HIDDEN unsigned long ss_errors_printed(void);
/* Reports the caps left out. */
SS_HIDDEN unsigned long ss_reports_capped(void);
/* In a forked child: it has reported no error yet. */
SS_HIDDEN void ss_report_fork_child(void);

/* "file:line:col" (or "file" without line info) into buf. */
SS_HIDDEN const char *ss_site_loc(const struct syncsan_site *s, char *buf, size_t n);
#endif
