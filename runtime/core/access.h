/* Operations on synchronisation objects that one family counts in another
 * family's hooks: NUMA cross-node accounting counts lock acquisitions and
 * queue pushes and pops. The core knows neither side.
 *
 * Why a flag read at start-up and not a test per operation: the families
 * that report operations fold ss_access_on into the gates their fast paths
 * already test (the lock hooks' fast-path-off word, the queue fast path's
 * global bail-out), so with no observer (the default) no operation pays
 * anything for it. That works only if the observer is set before those
 * families' init reads the flag: the observing family's row comes first in
 * runtime/init.c, and sets it in its own init. */
#ifndef SYNCSAN_ACCESS_H
#define SYNCSAN_ACCESS_H
#include "internal.h"

enum ss_access_op { SS_ACCESS_LOCK, SS_ACCESS_PUSH, SS_ACCESS_POP, SS_ACCESS_NOPS };

/* obj: the object's address (a lock, a queue handle); site: the user's
 * (already resolved through ss_site). Called on the reporting family's slow
 * path, on the operating thread, inside a runtime region. */
typedef void (*ss_access_fn)(uintptr_t obj, const struct syncsan_site *site, unsigned op);

SS_HIDDEN extern int ss_access_on;
SS_HIDDEN extern ss_access_fn ss_access_observer;

/* Start-up only, from a family's init that runs before the reporting
 * families' (see above). */
SS_HIDDEN void ss_access_observe(ss_access_fn fn);

static inline void ss_access_note(uintptr_t obj, const struct syncsan_site *site, unsigned op) {
  if (SS_UNLIKELY(ss_access_on))
    ss_access_observer(obj, site, op);
}
#endif
