/* The references of each GAsyncQueue, as the program takes and drops
 * them: g_async_queue_new makes one, ref adds one, unref drops one, and
 * the unref that drops the last destroys the queue (GLib frees it then,
 * and its address may be a new queue's). GLib's own count is private, so
 * syncsan keeps its own, for the queues it saw made; one made where it did
 * not look (inside GLib, before a dlopen) is never destroyed to it, and a
 * new queue at its address starts afresh at its create. */
#ifndef SYNCSAN_QUEUES_BUILTIN_GASYNC_REFS_H
#define SYNCSAN_QUEUES_BUILTIN_GASYNC_REFS_H

#include "core/internal.h"

/* Queues counted at once; past that, a one-time warning, and the queues
 * past it are never destroyed to syncsan. */
#define SS_GASYNC_QUEUES 4096

/* q was made, with one reference. */
SS_HIDDEN void ss_gasync_made(const void *q);
/* One more reference to q. */
SS_HIDDEN void ss_gasync_ref(const void *q);
/* One fewer: 1 when it was q's last (q is forgotten), 0 otherwise or when
 * q is not counted. */
SS_HIDDEN int ss_gasync_unref(const void *q);

#endif
