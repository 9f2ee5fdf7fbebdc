/* Lock layers by behaviour: acquisition sites that take locks of more
 * than one class.
 *
 * A site in application code takes the locks of one kind of object (a
 * list walk takes list nodes); a site in a lock layer (sqlite's
 * pthreadMutexEnter, a function-table lock call) takes every lock of the
 * program. The pass marks the layers it recognises (SYNCSAN_SITE_WRAPPER),
 * the wrapper rule names more (lock_wrappers), and the interposer's sites
 * are layers' too (SYNCSAN_SITE_DYNAMIC); this
 * table finds the rest, from what the class resolution sees (a slow path:
 * a thread's first acquisition of a lock, or a miss in its class cache).
 * Bounded: when full, new sites are not remembered (they count as
 * application sites). */
#ifndef SYNCSAN_LOCK_SITES_H
#define SYNCSAN_LOCK_SITES_H
#include "core/internal.h"

/* A thread resolved a lock of class `cls` acquired at site s. */
SS_HIDDEN void ss_sites_note(const struct syncsan_site *s, uint32_t cls);
/* Whether s is known to be a lock layer's site. */
SS_HIDDEN int ss_sites_is_layer(const struct syncsan_site *s);
#endif
