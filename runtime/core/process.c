/* The process as the runtime sees it before and after the program does:
 * its environment (also during .preinit_array, before libc has set
 * `environ`), and ending it with the configured exit status. */
#include "flags.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The dynamic linker passes the environment to preinit functions; while
 * the runtime starts from there, options are read from it. */
static char **preinit_envp;

SS_HIDDEN void ss_env_preinit(char **envp) { preinit_envp = envp; }

SS_HIDDEN const char *ss_getenv(const char *name) {
  if (!preinit_envp)
    return getenv(name);
  size_t n = strlen(name);
  for (char **e = preinit_envp; *e; e++)
    if (!strncmp(*e, name, n) && (*e)[n] == '=')
      return *e + n + 1;
  return NULL;
}

SS_HIDDEN _Noreturn void ss_die(void) { _exit((int)ss_flags.exitcode); }
