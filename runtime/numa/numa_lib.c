/* hwloc and libnuma through dlopen (numa_lib.h says why). */
#include "numa/numa_lib.h"

#include <dlfcn.h>

SS_HIDDEN struct ss_hwloc_api ss_hwloc;
SS_HIDDEN struct ss_libnuma_api ss_libnuma;

static ss_spin_t load_lock SS_RUNTIME_LOCK;
/* 0: not tried; 1: hwloc usable; 2: tried and failed. Written once under
 * load_lock, read without it (acquire) once it is set. */
static int load_state;
static int pages_ok;

/* Resolves every row of one table; the first name that does not resolve
 * is returned (NULL when all did). */
static const char *resolve_hwloc(void *h) {
#define SS_NUMA_RESOLVE(table, ret, name, params)                              \
  if (!(table.name = (ret(*) params)dlsym(h, #name)))                          \
    return #name;
#define SS_HWLOC_RESOLVE(ret, name, params) SS_NUMA_RESOLVE(ss_hwloc, ret, name, params)
#define SS_LIBNUMA_RESOLVE(ret, name, params) SS_NUMA_RESOLVE(ss_libnuma, ret, name, params)
  SS_HWLOC_FUNCS(SS_HWLOC_RESOLVE)
  return NULL;
}
static const char *resolve_libnuma(void *h) {
  SS_LIBNUMA_FUNCS(SS_LIBNUMA_RESOLVE)
  return NULL;
}

static int load_locked(void) {
  static int warned;
  void *hw = dlopen("libhwloc.so.15", RTLD_NOW | RTLD_LOCAL);
  const char *missing = hw ? resolve_hwloc(hw) : "libhwloc.so.15";
  if (missing) {
    ss_warn_once(&warned,
                 "NUMA features are off: %s is not available (install libhwloc15)\n", missing);
    return 2;
  }
  void *nu = dlopen("libnuma.so.1", RTLD_NOW | RTLD_LOCAL);
  if (nu && !resolve_libnuma(nu))
    pages_ok = ss_libnuma.numa_available() >= 0;
  return 1;
}

SS_HIDDEN int ss_numa_lib_load(void) {
  int s = __atomic_load_n(&load_state, __ATOMIC_ACQUIRE);
  if (SS_LIKELY(s))
    return s == 1;
  ss_spin_lock(&load_lock);
  s = load_state;
  if (!s) {
    s = load_locked();
    __atomic_store_n(&load_state, s, __ATOMIC_RELEASE);
  }
  ss_spin_unlock(&load_lock);
  return s == 1;
}

SS_HIDDEN int ss_numa_lib_pages(void) {
  static int warned;
  if (!ss_numa_lib_load())
    return 0;
  if (!pages_ok)
    ss_warn_once(&warned, "NUMA page queries are off: libnuma.so.1 is not available or the "
                          "kernel has no NUMA support\n");
  return pages_ok;
}
