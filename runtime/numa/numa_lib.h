/* hwloc and libnuma, loaded when the NUMA family first needs them.
 *
 * Why not linked: every instrumented program would then load libhwloc and
 * its dependencies (libudev, libm) at start-up and pay for their
 * relocations, although most never ask for a topology, a pinning policy or
 * a pool. The runtime opens the two libraries with dlopen at first use
 * (ss_numa_lib_load) and calls them through the table below, so a program
 * that uses none of it loads neither. The types are hwloc's own (its
 * header is a build dependency); none of hwloc's inline helpers may be
 * used, since they call hwloc by its link names, which the runtime does
 * not link: such a use fails the program's link, loudly.
 *
 * Adding a function is one row of SS_HWLOC_FUNCS or SS_LIBNUMA_FUNCS:
 * (return type, name, parameter list). Call it as SS_HWLOC(name)(...). */
#ifndef SYNCSAN_NUMA_LIB_H
#define SYNCSAN_NUMA_LIB_H
#include <hwloc.h>
#include <hwloc/distances.h>

#include "core/internal.h"

#define SS_HWLOC_FUNCS(X)                                                              \
  X(int, hwloc_topology_init, (hwloc_topology_t *))                                    \
  X(int, hwloc_topology_load, (hwloc_topology_t))                                      \
  X(void, hwloc_topology_destroy, (hwloc_topology_t))                                  \
  X(int, hwloc_topology_set_flags, (hwloc_topology_t, unsigned long))                  \
  X(int, hwloc_topology_is_thissystem, (hwloc_topology_t))                             \
  X(int, hwloc_get_type_depth, (hwloc_topology_t, hwloc_obj_type_t))                   \
  X(unsigned, hwloc_get_nbobjs_by_depth, (hwloc_topology_t, int))                      \
  X(hwloc_obj_t, hwloc_get_obj_by_depth, (hwloc_topology_t, int, unsigned))            \
  X(hwloc_const_cpuset_t, hwloc_topology_get_allowed_cpuset, (hwloc_topology_t))       \
  X(hwloc_const_cpuset_t, hwloc_topology_get_topology_cpuset, (hwloc_topology_t))      \
  X(int, hwloc_distances_get_by_type,                                                  \
    (hwloc_topology_t, hwloc_obj_type_t, unsigned *, struct hwloc_distances_s **,      \
     unsigned long, unsigned long))                                                    \
  X(void, hwloc_distances_release, (hwloc_topology_t, struct hwloc_distances_s *))     \
  X(int, hwloc_set_cpubind, (hwloc_topology_t, hwloc_const_cpuset_t, int))             \
  X(int, hwloc_get_cpubind, (hwloc_topology_t, hwloc_cpuset_t, int))                   \
  X(int, hwloc_set_thread_cpubind, (hwloc_topology_t, pthread_t, hwloc_const_cpuset_t, int)) \
  X(int, hwloc_get_thread_cpubind, (hwloc_topology_t, pthread_t, hwloc_cpuset_t, int)) \
  X(int, hwloc_get_last_cpu_location, (hwloc_topology_t, hwloc_cpuset_t, int))         \
  X(int, hwloc_get_proc_last_cpu_location, (hwloc_topology_t, hwloc_pid_t, hwloc_cpuset_t, int)) \
  X(int, hwloc_set_area_membind,                                                       \
    (hwloc_topology_t, const void *, size_t, hwloc_const_bitmap_t, hwloc_membind_policy_t, int)) \
  X(int, hwloc_get_area_memlocation, (hwloc_topology_t, const void *, size_t, hwloc_bitmap_t, int)) \
  X(hwloc_bitmap_t, hwloc_bitmap_alloc, (void))                                        \
  X(void, hwloc_bitmap_free, (hwloc_bitmap_t))                                         \
  X(void, hwloc_bitmap_zero, (hwloc_bitmap_t))                                         \
  X(int, hwloc_bitmap_set, (hwloc_bitmap_t, unsigned))                                 \
  X(int, hwloc_bitmap_only, (hwloc_bitmap_t, unsigned))                                \
  X(int, hwloc_bitmap_copy, (hwloc_bitmap_t, hwloc_const_bitmap_t))                    \
  X(int, hwloc_bitmap_and, (hwloc_bitmap_t, hwloc_const_bitmap_t, hwloc_const_bitmap_t)) \
  X(int, hwloc_bitmap_or, (hwloc_bitmap_t, hwloc_const_bitmap_t, hwloc_const_bitmap_t)) \
  X(int, hwloc_bitmap_isset, (hwloc_const_bitmap_t, unsigned))                         \
  X(int, hwloc_bitmap_iszero, (hwloc_const_bitmap_t))                                  \
  X(int, hwloc_bitmap_isequal, (hwloc_const_bitmap_t, hwloc_const_bitmap_t))           \
  X(int, hwloc_bitmap_isincluded, (hwloc_const_bitmap_t, hwloc_const_bitmap_t))        \
  X(int, hwloc_bitmap_intersects, (hwloc_const_bitmap_t, hwloc_const_bitmap_t))        \
  X(int, hwloc_bitmap_weight, (hwloc_const_bitmap_t))                                  \
  X(int, hwloc_bitmap_first, (hwloc_const_bitmap_t))                                   \
  X(int, hwloc_bitmap_next, (hwloc_const_bitmap_t, int))                               \
  X(int, hwloc_bitmap_list_snprintf, (char *, size_t, hwloc_const_bitmap_t))

/* libnuma: per-page location and migration (move_pages), which hwloc
 * answers only for a whole range. */
#define SS_LIBNUMA_FUNCS(X)                                                            \
  X(int, numa_available, (void))                                                       \
  X(long, numa_move_pages, (int, unsigned long, void **, const int *, int *, int))

struct ss_hwloc_api {
#define SS_NUMA_FIELD(ret, name, params) ret(*name) params;
  SS_HWLOC_FUNCS(SS_NUMA_FIELD)
};
struct ss_libnuma_api {
  SS_LIBNUMA_FUNCS(SS_NUMA_FIELD)
#undef SS_NUMA_FIELD
};
SS_HIDDEN extern struct ss_hwloc_api ss_hwloc;
SS_HIDDEN extern struct ss_libnuma_api ss_libnuma;
#define SS_HWLOC(name) (ss_hwloc.name)
#define SS_LIBNUMA(name) (ss_libnuma.name)

/* Opens the libraries once (any thread; later calls return the first
 * answer). 1 when every hwloc function resolved; 0 otherwise, with a
 * one-time warning naming what is missing, and the NUMA features off.
 * Never from a signal handler (dlopen). */
SS_HIDDEN int ss_numa_lib_load(void);
/* Whether libnuma resolved too (after ss_numa_lib_load) and the kernel
 * has NUMA support (numa_available); page queries need both. */
SS_HIDDEN int ss_numa_lib_pages(void);
#endif
