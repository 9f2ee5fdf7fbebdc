/* The mutex's view of a condvar wait site.
 *
 * A wait re-acquires its mutex at the wait call, so the mutex's held entry
 * names that call's site. But the pass stores the *condvar* as that site's
 * object, and lock labels fall back to a site's object for an unnamed lock:
 * the mutex would be labelled with the condvar's name. This returns a
 * copy of the site that names no object (one per wait site, made once). */
#ifndef SYNCSAN_WAIT_SITES_H
#define SYNCSAN_WAIT_SITES_H
#include "core/internal.h"

SS_HIDDEN const struct syncsan_site *ss_wait_mutex_site(const struct syncsan_site *s);
#endif
