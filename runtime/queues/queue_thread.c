/* Each thread's queue state (queue_thread.h). */
#include "queue_thread.h"

#include <string.h>

#include "core/monitor.h"
#include "queue_call.h"

SS_HIDDEN __thread struct ss_queue_thread ss_queue_self;
static int ext_key = -1;

SS_HIDDEN void ss_queue_threads_init(void) { ext_key = ss_thread_ext_key(); }

SS_HIDDEN void ss_queue_thread_start(struct ss_thread *t) {
  ss_queue_self.sample_countdown = SS_QUEUE_SAMPLE;
  if (ext_key >= 0)
    __atomic_store_n(&t->ext[ext_key], &ss_queue_self, __ATOMIC_RELEASE);
}

SS_HIDDEN struct ss_queue_thread *ss_queue_thread_of(struct ss_thread *t) {
  return ss_thread_ext(t, ext_key);
}

SS_HIDDEN struct ss_queue *ss_queue_lookup_slow(struct ss_queue_thread *qt, uintptr_t handle,
                                                const struct syncsan_site *site,
                                                struct ss_queue_ref **ref) {
  (void)site; /* a first use is not where the queue was made */
  int made;
  struct ss_queue *q;
  /* The monitor keeps the coarse clock and finds stalls: it runs from a
   * thread's first operation on a queue (and again in a forked child). */
  SS_QUEUE_KEEP_ERRNO(q = ss_queue_get(handle, NULL, &made); if (q) ss_monitor_start());
  if (!q)
    return NULL;
  if (!qt->sample_countdown)
    qt->sample_countdown = SS_QUEUE_SAMPLE;
  struct ss_queue_ref *r = &qt->cache[(handle >> 4) & (SS_QUEUE_CACHE - 1)];
  uint32_t gen = __atomic_load_n(&q->gen, __ATOMIC_ACQUIRE);
  if (r->q != q || r->gen != gen || r->handle != handle)
    r->cell[0] = r->cell[1] = 0xff;
  r->handle = handle;
  r->q = q;
  r->gen = gen;
  *ref = r;
  return q;
}

SS_HIDDEN void ss_queue_thread_fork_child(void) {
  struct ss_queue_thread *qt = &ss_queue_self;
  memset(qt->cache, 0, sizeof(qt->cache));
  qt->st_q = NULL;
}
