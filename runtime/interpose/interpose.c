/* The interposers: one exported definition of the C library's own name per
 * row of <syncsan/intercept.h> (libstdc++ members aside, see core/rows.h),
 * so that calls the pass never rewrote (distribution libraries, libstdc++'s
 * std::thread, a plugin built with plain clang, code of the program built
 * without the pass) reach the row's hook too. The executable exports them
 * (the wrapper passes libsyncsan_interpose.syms, generated from the same
 * table), and the dynamic linker binds every library's calls to the
 * executable's definition before libc's, as for the sanitizers'
 * interceptors.
 *
 * Such a call has no static site, so the interposer gives the hook the
 * dynamic site of its return address (core/dynsite.h): the caller in the
 * library, named by the symbolizer when a report prints it.
 *
 * Never twice: an instrumented call goes to the hook itself and the hook
 * calls the real function through the table of real functions
 * (core/real.h), never by its name, so it never comes back here. An
 * interposed call made while the thread is inside the runtime, or while it
 * forwards an instrumented call to a libstdc++ member that calls the C
 * library in turn, performs the real operation only.
 *
 * Generated from the table, and compiled against the C library's
 * prototypes, so an interposer cannot drift from the function it stands
 * for (GLib's, whose headers the runtime does not use, aside: those
 * interposers are weak, core/rows.h says why). */
#include <mqueue.h>
#include <pthread.h>
#include <semaphore.h>
#include <threads.h>

#include "syncsan/hooks.h"

#include "core/dynsite.h"
#include "core/real.h"

/* GLib's interposers (core/rows.h, SS_IS_LAZY) are defined under a hidden
 * name of their own, ss_interposer_NAME, that the exported weak NAME is an
 * alias of: the table of real functions (core/real.c) tells by it whether
 * the executable's NAME is the interposer or a definition of the
 * program's own (a static libglib) that won over it. */
#define SS_IP_DEF(name) SS_CAT(SS_IP_DEF_, SS_IS_LAZY(name))(name)
#define SS_IP_DEF_0(name) name
#define SS_IP_DEF_1(name) ss_interposer_##name
#define SS_INTERPOSER(name, op, group, ret, params, handle, success)                        \
  SS_UNLESS_CXX(                                                                            \
      op,                                                                                   \
      SS_IF_LAZY(name, SS_HIDDEN) SS_UNLESS_LAZY(name, SS_EXPORT) ret SS_IP_DEF(name)(      \
          SS_NAMED params) {                                                                \
        if (ss_interposed_bypass()) {                                                       \
          SS_RETURN_##success SS_REAL(name)(SS_NAMES params);                               \
        } else {                                                                            \
          SS_RETURN_##success __syncsan_##name(                                             \
              SS_NAMES_THEN params                                                          \
              ss_site_for_pc((uintptr_t)__builtin_return_address(0), SYNCSAN_OP_##op));     \
        }                                                                                   \
      } SS_IF_LAZY(name, SS_EXPORT ret name(SS_NAMED params)                                \
                             __attribute__((weak, alias("ss_interposer_" #name)));))
SYNCSAN_INTERCEPTED_CALLS(SS_INTERPOSER)
#undef SS_INTERPOSER
