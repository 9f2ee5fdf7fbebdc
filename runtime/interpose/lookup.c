/* How a program with interposers finds the real functions: its own
 * definitions of the names (interpose.c, names.c) stand in front of the C
 * library's, so each is the next definition after the executable's,
 * dlsym(RTLD_NEXT). This replaces the weak default of core/real.c, which
 * a program without interposers uses.
 *
 * pthread_cond_* exist in two versions in glibc (the pre-2.3.2 ABI kept
 * for old binaries, and the current one), and dlsym's answer for a name
 * with several versions is not the one a program linked today gets: those
 * are asked for by version, GLIBC_2.3.2 where the architecture has it
 * (x86-64 and the other ABIs older than 2.3.2), by name elsewhere. */
#include <dlfcn.h>
#include <string.h>

#include "core/real.h"

SS_HIDDEN int ss_interposers_linked(void) { return 1; }

SS_HIDDEN void *ss_real_lookup(const char *name, void *direct, int interposed) {
  if (!interposed)
    return direct;
  void *f = NULL;
  if (!strncmp(name, "pthread_cond_", 13))
    f = dlvsym(RTLD_NEXT, name, "GLIBC_2.3.2");
  if (!f)
    f = dlsym(RTLD_NEXT, name);
  return f;
}
