/* What every join hook does around the real join (thread_join.c,
 * thread_join_cxx.c): find the thread joined, publish the wait while the
 * join can block (ss_join_wait_begin/end, thread.h), and once it has
 * succeeded, mark the thread reaped and record that everything it did
 * happened before the joiner's next operation (happens_before.h). */
#ifndef SYNCSAN_JOIN_H
#define SYNCSAN_JOIN_H
#include <pthread.h>

#include "internal.h"

struct ss_join {
  pthread_t th;
  uint32_t tid, slot;
  int found;   /* tid and slot are th's */
  int waiting; /* the wait is published */
};

/* `blocks`: the join can wait (not a try-join). The thread is registered
 * and not inside the runtime. */
SS_HIDDEN void ss_join_begin(struct ss_join *j, pthread_t th, const struct syncsan_site *site,
                             int blocks);
/* After the real join; `joined`: it succeeded. Also on a cancellation or
 * an exception that unwinds through the hook, with joined 0. */
SS_HIDDEN void ss_join_end(struct ss_join *j, int joined);
#endif
