/* The process's environment as the runtime sees it, also during
 * .preinit_array, before libc has set `environ`. (How the process ends is
 * exit.c's.) */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

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
