/* A job queue over GLib's GAsyncQueue, built without syncsan (a
 * distribution library): its g_async_queue_* calls reach the runtime
 * through the interposers only. */
#include <glib.h>

GAsyncQueue *jobq_new(void) { return g_async_queue_new(); }

void jobq_push(GAsyncQueue *q, int v) { g_async_queue_push(q, GINT_TO_POINTER(v)); }

int jobq_pop(GAsyncQueue *q) { return GPOINTER_TO_INT(g_async_queue_pop(q)); }

int jobq_try_pop(GAsyncQueue *q) { return GPOINTER_TO_INT(g_async_queue_try_pop(q)); }

void jobq_free(GAsyncQueue *q) { g_async_queue_unref(q); }
