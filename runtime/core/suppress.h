#ifndef SYNCSAN_SUPPRESS_H
#define SYNCSAN_SUPPRESS_H
#include "internal.h"

/* Loads the suppressions= file (at start-up; may read files and allocate). */
SS_HIDDEN void ss_suppress_init(void);
/* True when a suppression of `check` matches the site's function or file,
 * or one of the extra names (lock or class names; NULL-terminated list). */
SS_HIDDEN int ss_suppressed_names(const char *check, const struct syncsan_site *site,
                                  const char *const *names);
static inline int ss_suppressed(const char *check, const struct syncsan_site *site) {
  return ss_suppressed_names(check, site, 0);
}
SS_HIDDEN void ss_suppress_print_stats(void);
/* Glob match with '*' and '?' (exposed for unit tests). */
SS_HIDDEN int ss_glob_match(const char *pat, const char *s);
#endif
