/* Small configuration files named by options (suppressions=, lock_levels=,
 * and every later one): one reader and one set of rules for all of them.
 *
 * - The file is read whole at start-up into the caller's buffer. One that
 *   cannot be opened or read, a directory, one larger than the buffer, and
 *   one holding a NUL byte end the process (with exitcode) and a message
 *   naming the file, and the line where there is one.
 * - Lines end in "\n" or "\r\n". '#' at the start of a line or after a
 *   blank begins a comment. Blanks (spaces, tabs) around what is left are
 *   dropped, and lines left empty are skipped.
 * - A caller that finds a line wrong ends the process the same way, with
 *   ss_config_error: "==PID==syncsan: <file>:<line>: <what is wrong>". */
#ifndef SYNCSAN_CONFIG_FILE_H
#define SYNCSAN_CONFIG_FILE_H
#include "internal.h"

struct ss_config {
  const char *path;   /* as the option gave it */
  const char *option; /* the option's name */
  char *rest;         /* the text not yet split into lines */
  unsigned line;      /* number of the line ss_config_line last returned */
};

SS_HIDDEN void ss_config_read(struct ss_config *c, const char *option, const char *path,
                              char *buf, size_t size);
/* The next line with content, NUL-terminated in place, comment and blanks
 * cut; NULL at the end of the file. */
SS_HIDDEN char *ss_config_line(struct ss_config *c);
SS_HIDDEN _Noreturn void ss_config_error(const struct ss_config *c, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
#endif
