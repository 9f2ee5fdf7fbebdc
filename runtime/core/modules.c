/* Modules by pc, for symbolization and for frames printed as
 * module+offset.
 *
 * glibc's _dl_find_object (2.35 and later) answers from a lock-free copy of
 * the loaded-object list: no malloc, no lock, safe from a signal handler.
 * dladdr would take the dynamic linker's load lock, which a thread inside
 * dlopen holds while the new library's constructors run: a constructor
 * that takes a lock and gets reported would wait for a report lock held by
 * a thread waiting in dladdr for the load lock. The main executable's
 * link map has an empty name; its path is read once at start-up. */
#include "modules.h"

#include <dlfcn.h>
#include <link.h>
#include <unistd.h>

static char exe_path[4096];

SS_HIDDEN void ss_modules_init(void) {
  ssize_t n = readlink("/proc/self/exe", exe_path, sizeof(exe_path) - 1);
  exe_path[n > 0 ? n : 0] = 0;
}

SS_HIDDEN int ss_module_of(uintptr_t pc, const char **path, uintptr_t *offset) {
  if (pc == 0)
    return 0;
  /* A return address is one past the call: pc - 1 is inside it, and inside
   * the caller's module even when the call is the module's last byte. */
  struct dl_find_object fo;
  if (_dl_find_object((void *)(pc - 1), &fo) != 0 || !fo.dlfo_link_map)
    return 0;
  const struct link_map *lm = fo.dlfo_link_map;
  const char *name = lm->l_name;
  if (!name || !name[0])
    name = exe_path[0] ? exe_path : "<executable>";
  *path = name;
  *offset = pc - 1 - (uintptr_t)lm->l_addr;
  return 1;
}
