/* The five entry points the pass (and the built-in queues' hooks) wrap
 * every queue call in (<syncsan/abi_queue.h>).
 *
 * What is counted when, so that no check can cry wolf under races:
 * - a push counts when its end sees that it took effect; a pop likewise.
 *   The counts are kept per thread (each thread adds to a cell of its own
 *   with a plain store: queue_table.h), and a side's count is the sum of
 *   its cells. Each call in flight is published in its thread's state from
 *   its begin until after its count (queue_bounds.c: done++ happens before
 *   in-flight--).
 * - At any moment, the items really in the queue are at least
 *     pushes - (pops + pops in flight)
 *   (a push counted has taken effect; a pop that took effect is counted or
 *   in flight), and at most
 *     (pushes + pushes in flight) - pops.
 *   queue-over-capacity fires only when the lower bound exceeds the
 *   capacity: the queue then certainly holds more than it may.
 *   queue-recv-after-close calls a closed queue drained only when the
 *   upper bound is 0. Both bounds need every thread's calls in flight, a
 *   slow path (queue_bounds.c) taken only when the estimate pushes - pops
 *   says the check could fire: for the capacity, at one push in 64 per
 *   thread and on the monitor's looks, so a queue that goes over its
 *   capacity and comes back at once may go unseen; one that stays over it
 *   is found.
 * - closed is set at a close's end (the close took effect); a push that
 *   begins on a closed queue is queue-send-after-close, a close that
 *   begins on one queue-double-close. A push or close racing with the
 *   close (begun before it ended) is never reported.
 *
 * The common path of a push or pop: the thread's cache, two stores to
 * publish and retract it, one store to its own count, a few loads of the
 * record, the core's block note for a blocking call, and the coarse clock
 * (a variable). No atomic read-modify-write, no shared write. The exact
 * clock is read for one push in 64 (a latency sample) and its pop, and in
 * timed calls only.
 *
 * Every entry point keeps errno: the program reads the queue function's
 * (SS_QUEUE_KEEP_ERRNO around every slow path). */
#include "core/access.h"
#include "core/monitor.h"
#include "core/thread.h"
#include "queue_bounds.h"
#include "queue_call.h"
#include "queue_misuse.h"
#include "queue_qos.h"
#include "queue_stall.h"
#include "queue_thread.h"

SS_HIDDEN uint32_t ss_queue_nlisteners;
SS_HIDDEN int ss_queue_fail_default;

/* The thread's own cell: only it writes it, so no locked instruction is
 * needed; but a signal handler on the thread may count on the same cell
 * (a queue call of its own), so the increment is one instruction where
 * the machine has one, which a signal cannot cut in two. The store is
 * ordered before the call's retraction (release) that follows. */
static SS_ALWAYS_INLINE void own_increment(uint64_t *count) {
#if defined(__x86_64__)
  __asm__ volatile("incq %0" : "+m"(*count) : : "memory");
#else
  __atomic_store_n(count, __atomic_load_n(count, __ATOMIC_RELAXED) + 1, __ATOMIC_RELEASE);
#endif
}

static SS_ALWAYS_INLINE int recovery_on(const struct ss_queue *q) {
  return __atomic_load_n(&ss_queue_nlisteners, __ATOMIC_RELAXED) ||
         __atomic_load_n(&q->recovery, __ATOMIC_RELAXED) || ss_queue_fail_default;
}

/* A create, close or destroy: rare, and off the common path. */
static SS_NOINLINE void begin_other(struct ss_qcall *k, uint32_t role, void *handle,
                                    uint64_t capacity, const struct syncsan_site *site,
                                    uint32_t tid) {
  if (role == SYNCSAN_QUEUE_ROLE_CREATE) {
    k->flags = SS_QC_TRACKED;
    k->since_ms = capacity;
    k->start_ns = (uintptr_t)handle;
  } else if (role == SYNCSAN_QUEUE_ROLE_CLOSE) {
    struct ss_queue_ref *ref;
    struct ss_queue *q = ss_queue_lookup(&ss_queue_self, (uintptr_t)handle, site, &ref);
    if (!q)
      return;
    k->q = q;
    k->gen = ref->gen;
    k->flags = SS_QC_TRACKED;
    if (__atomic_load_n(&q->closed, __ATOMIC_ACQUIRE))
      ss_queue_double_close(k, tid);
  } else if (role == SYNCSAN_QUEUE_ROLE_DESTROY) {
    /* Its last look (it may have broken its bound since the monitor's),
     * then forgotten before the program frees it: a queue made at the same
     * address meanwhile (by another thread) is a new one. */
    struct ss_queue *q = handle ? ss_queue_find((uintptr_t)handle) : NULL;
    if (q)
      ss_queue_qos_look(q);
    ss_queue_forget((uintptr_t)handle);
  }
}

/* Every case of a begin: the common push or pop below comes here for
 * anything it does not handle. Reached by a tail call, so that its
 * return address (SS_NOTE_HOOK_PC) is still the program's. */
static SS_NOINLINE uint32_t begin_full(struct syncsan_queue_call *c,
                                       const struct syncsan_queue_desc *d, void *handle,
                                       uint64_t capacity, const struct syncsan_site *site) {
  struct ss_qcall *k = (struct ss_qcall *)c;
  k->q = NULL;
  k->flags = 0;
  k->slot = 0;
  k->d = d;
  k->site = site = site ? ss_site(site) : NULL;
  uint32_t role = d->role;
  k->role = (uint8_t)role;
  if (SS_UNLIKELY(ss_in_hook()))
    return SYNCSAN_QUEUE_CALL_PLAIN;
  struct ss_thread *t = &ss_self;
  if (SS_UNLIKELY(!t->registered))
    SS_QUEUE_KEEP_ERRNO(t = ss_thread_register_slow());
  if (SS_UNLIKELY(t->untracked)) {
    __atomic_store_n(&ss_queue_untracked_seen, 1, __ATOMIC_RELAXED);
    return SYNCSAN_QUEUE_CALL_PLAIN;
  }
  if (SS_LIKELY(role == SYNCSAN_QUEUE_ROLE_PUSH || role == SYNCSAN_QUEUE_ROLE_POP)) {
    struct ss_queue_thread *qt = &ss_queue_self;
    struct ss_queue_ref *ref;
    struct ss_queue *q = ss_queue_lookup(qt, (uintptr_t)handle, site, &ref);
    if (SS_UNLIKELY(!q))
      return SYNCSAN_QUEUE_CALL_PLAIN;
    int push = role == SYNCSAN_QUEUE_ROLE_PUSH;
    uint32_t cell = ref->cell[!push];
    if (SS_UNLIKELY(cell == 0xff)) {
      SS_QUEUE_KEEP_ERRNO(cell = ss_queue_note_side(q, !push, t->tid));
      ref->cell[!push] = (uint8_t)cell;
    }
    k->cell = (uint8_t)cell;
    k->q = q;
    k->gen = ref->gen;
    k->flags = SS_QC_TRACKED;
    ss_access_note((uintptr_t)handle, site, push ? SS_ACCESS_PUSH : SS_ACCESS_POP);
    uintptr_t word = (uintptr_t)q | (push ? SS_QUEUE_INF_PUSH : SS_QUEUE_INF_POP);
    if (d->flags & SYNCSAN_QUEUE_BLOCKING) {
      k->since_ms = ss_queue_coarse_ms();
      word |= SS_QUEUE_INF_BLOCK;
    }
    ss_queue_publish(qt, k, word);
    if (SS_UNLIKELY(__atomic_load_n(&q->closed, __ATOMIC_ACQUIRE))) {
      SS_NOTE_HOOK_PC();
      if (push)
        SS_QUEUE_KEEP_ERRNO(ss_queue_send_after_close(k, t->tid));
      else if (d->flags & SYNCSAN_QUEUE_STRICT_CLOSE)
        SS_QUEUE_KEEP_ERRNO(ss_queue_recv_after_close(k, t->tid));
    }
    uint32_t mode = SYNCSAN_QUEUE_CALL_PLAIN;
    if (d->flags & SYNCSAN_QUEUE_BLOCKING) {
      if ((d->flags & SYNCSAN_QUEUE_HAS_TIMED) && SS_UNLIKELY(recovery_on(q))) {
        mode = SYNCSAN_QUEUE_CALL_TIMED;
        k->flags |= SS_QC_TIMED;
        SS_QUEUE_KEEP_ERRNO(k->start_ns = ss_queue_now_ns());
        k->asked = 0;
        ss_block_begin(SS_BLOCK_QUEUE | SS_BLOCK_TIMED, (uintptr_t)handle, site);
      } else {
        ss_block_begin(SS_BLOCK_QUEUE, (uintptr_t)handle, site);
      }
      k->flags |= SS_QC_BLOCK;
    }
    if (push && SS_UNLIKELY(--qt->sample_countdown == 0)) {
      qt->sample_countdown = SS_QUEUE_SAMPLE;
      k->flags |= SS_QC_SAMPLE;
    }
    return mode;
  }
  SS_NOTE_HOOK_PC();
  SS_QUEUE_KEEP_ERRNO(begin_other(k, role, handle, capacity, site, t->tid));
  return SYNCSAN_QUEUE_CALL_PLAIN;
}

SS_EXPORT int64_t __syncsan_queue_timeout_ms(struct syncsan_queue_call *c) {
  struct ss_qcall *k = (struct ss_qcall *)c;
  int saved = errno;
  int64_t ms = 86400000; /* a day: no stall check to keep to */
  if ((k->flags & SS_QC_TIMED) && k->q) {
    uint64_t now = ss_queue_now_ns(), stall = ss_queue_stall_ms(k->q);
    k->call_ns = now;
    if (stall) {
      uint64_t waited = (now - k->start_ns) / 1000000;
      /* Until the stall, the budget left; after it, one stall period per
       * question to the listeners. */
      ms = (k->flags & SS_QC_STALLED) || waited >= stall ? (int64_t)stall
                                                         : (int64_t)(stall - waited);
    }
  }
  if (ms < 1)
    ms = 1;
  k->timeout_ms = (uint32_t)ms;
  errno = saved;
  return ms;
}

SS_EXPORT uint32_t __syncsan_queue_timed_again(struct syncsan_queue_call *c, int64_t r) {
  struct ss_qcall *k = (struct ss_qcall *)c;
  if (!(k->flags & SS_QC_TIMED) || !k->q || ss_queue_ok(k->d->ok, r))
    return 0;
  int saved = errno;
  uint32_t again = 0;
  uint64_t now = ss_queue_now_ns();
  /* A failure well before the timeout is the operation's own answer (a
   * closed queue, an error), not a wait that ran out: it stands. */
  if (now - k->call_ns >= (uint64_t)k->timeout_ms * 900000ull) {
    uint64_t stall = ss_queue_stall_ms(k->q);
    if (!stall || (!(k->flags & SS_QC_STALLED) && now - k->start_ns < stall * 1000000ull))
      again = 1;
    else {
      SS_NOTE_HOOK_PC();
      again = ss_queue_stall_timed(k, (now - k->start_ns) / 1000000);
    }
  }
  errno = saved;
  return again;
}

static void created(struct ss_qcall *k, int64_t r) {
  const struct syncsan_queue_desc *d = k->d;
  uintptr_t h = d->handle == SYNCSAN_QUEUE_HANDLE_RESULT ? (uintptr_t)r : (uintptr_t)k->start_ns;
  if (!h || !ss_queue_ok(d->handle == SYNCSAN_QUEUE_HANDLE_RESULT && d->ok == SYNCSAN_QUEUE_OK_ALWAYS
                             ? SYNCSAN_QUEUE_OK_NONNULL
                             : d->ok,
                         r))
    return;
  ss_queue_created(h, k->since_ms, k->site, d, ss_self.tid);
  ss_monitor_start();
}

/* One push in 64 per thread looks at the queue's counts as a whole (the
 * sums of its cells): its occupancy (maximum, mean), whether it is over
 * its capacity, and a latency sample. */
static SS_NOINLINE void sampled_push(struct ss_qcall *k) {
  struct ss_queue *q = k->q;
  uint64_t n = ss_queue_pushes(q), pops = ss_queue_pops(q);
  uint64_t est = n > pops ? n - pops : 0;
  uint64_t cap = __atomic_load_n(&q->capacity, __ATOMIC_RELAXED);
  if (est > __atomic_load_n(&q->occ_max, __ATOMIC_RELAXED))
    ss_queue_note_max(q, est);
  if (cap && est > cap)
    ss_queue_over_capacity(q, k, n, ss_self.tid);
  ss_queue_sample_push(q, n, est);
}

/* The end of a create or close: rare, and off the common path. */
static SS_NOINLINE void end_other(struct ss_qcall *k, int64_t r) {
  struct ss_queue *q = k->q;
  if (k->role == SYNCSAN_QUEUE_ROLE_CREATE) {
    created(k, r);
  } else if (k->role == SYNCSAN_QUEUE_ROLE_CLOSE && ss_queue_ok(k->d->ok, r) && q &&
             __atomic_load_n(&q->gen, __ATOMIC_RELAXED) == k->gen) {
    ss_spin_lock(&q->lock);
    if (!q->close_site) {
      q->close_site = k->site;
      q->close_desc = k->d;
      q->close_tid = ss_self.tid;
    }
    ss_spin_unlock(&q->lock);
    __atomic_store_n(&q->closed, 1, __ATOMIC_RELEASE);
  }
}

/* Every case of an end (as begin_full is of a begin). */
static SS_NOINLINE void end_full(struct syncsan_queue_call *c, int64_t r) {
  struct ss_qcall *k = (struct ss_qcall *)c;
  if (!(k->flags & SS_QC_TRACKED))
    return;
  if (SS_UNLIKELY(k->role != SYNCSAN_QUEUE_ROLE_PUSH && k->role != SYNCSAN_QUEUE_ROLE_POP)) {
    SS_QUEUE_KEEP_ERRNO(end_other(k, r));
    return;
  }
  struct ss_queue *q = k->q;
  struct ss_queue_thread *qt = &ss_queue_self;
  int ok = ss_queue_ok(k->d->ok, r);
  int push = k->role == SYNCSAN_QUEUE_ROLE_PUSH;
  /* A queue destroyed while the call was in flight (its real call had
   * returned, so another thread could see the effect and destroy it) no
   * longer owns the record, which may already count a new queue. */
  if (SS_UNLIKELY(__atomic_load_n(&q->gen, __ATOMIC_RELAXED) != k->gen)) {
    if (k->flags & SS_QC_BLOCK)
      ss_block_end();
    ss_queue_retract(qt, k);
    return;
  }
  struct ss_queue_cell *cell = &q->cells[!push][k->cell];
  uint64_t *count = ok ? &cell->n : &cell->failed;
  if (SS_LIKELY(k->cell != SS_QUEUE_SHARED_CELL))
    own_increment(count);
  else
    __atomic_add_fetch(count, 1, __ATOMIC_SEQ_CST);
  if (push) {
    if (SS_UNLIKELY(ok && (k->flags & SS_QC_SAMPLE))) {
      SS_NOTE_HOOK_PC();
      SS_QUEUE_KEEP_ERRNO(sampled_push(k));
    }
  } else if (SS_UNLIKELY(ok && __atomic_load_n(&q->sampled, __ATOMIC_RELAXED))) {
    SS_QUEUE_KEEP_ERRNO(ss_queue_sample_pop(q, ss_queue_pops(q)));
  }
  if (k->flags & SS_QC_BLOCK) {
    ss_block_end();
    uint64_t ms = ss_queue_coarse_ms() - k->since_ms;
    if (ms)
      __atomic_add_fetch(push ? &q->push_blocked_ms : &q->pop_blocked_ms, ms, __ATOMIC_RELAXED);
  } else if (SS_UNLIKELY(!ok)) {
    SS_NOTE_HOOK_PC();
    SS_QUEUE_KEEP_ERRNO(ss_queue_streak_fail(qt, k));
  } else if (SS_UNLIKELY(qt->st_q != NULL)) {
    qt->st_q = NULL;
  }
  ss_queue_retract(qt, k);
}

/* The common push or pop: a thread in its plain state, a queue its cache
 * holds, a side it has counted on before, a free in-flight slot, an open
 * queue, no recovery to arrange, no sample due. Every condition under
 * which begin_full would do anything more is tested first, and any of
 * them sends the call there whole, so the two agree by construction. What
 * is left is a leaf: no call, so no register saved and no frame, which is
 * most of what a call record costs (docs/performance.md, "Wrapped queue
 * calls").
 *
 * One difference in timing only: the fast path reads closed before it
 * publishes the call, where begin_full reads it after. A close that ends
 * in between races with this call, which is then not reported, as a call
 * racing with a close never is (above). */
static SS_ALWAYS_INLINE int thread_plain(const struct ss_thread *t) {
  /* registered 1, untracked 0, in_hook 0, in one load. */
  _Static_assert(offsetof(struct ss_thread, untracked) == offsetof(struct ss_thread, registered) + 1 &&
                     offsetof(struct ss_thread, in_hook) == offsetof(struct ss_thread, registered) + 2,
                 "the thread's state bytes are adjacent");
  uint32_t w;
  __builtin_memcpy(&w, &t->registered, sizeof w);
  return w == 1;
}

#if defined(__has_attribute)
#if __has_attribute(musttail)
#define SS_TAIL __attribute__((musttail))
#endif
#endif
#ifndef SS_TAIL
#define SS_TAIL
#endif

SS_EXPORT uint32_t __syncsan_queue_begin(struct syncsan_queue_call *c,
                                         const struct syncsan_queue_desc *d, void *handle,
                                         uint64_t capacity, const struct syncsan_site *site) {
  uint32_t role = d->role;
  int push = role == SYNCSAN_QUEUE_ROLE_PUSH;
  if (SS_UNLIKELY(!push && role != SYNCSAN_QUEUE_ROLE_POP) || SS_UNLIKELY(!site) ||
      SS_UNLIKELY(site->flags & (SYNCSAN_SITE_SYSTEM_HEADER | SYNCSAN_SITE_WRAPPER)) ||
      SS_UNLIKELY(!thread_plain(&ss_self)))
    SS_TAIL return begin_full(c, d, handle, capacity, site);
  struct ss_queue_thread *qt = &ss_queue_self;
  struct ss_queue_ref *ref = &qt->cache[((uintptr_t)handle >> 4) & (SS_QUEUE_CACHE - 1)];
  struct ss_queue *q = ref->q;
  uint32_t dflags = d->flags, depth = qt->depth;
  if (SS_UNLIKELY(ref->handle != (uintptr_t)handle || !q ||
                  __atomic_load_n(&q->handle, __ATOMIC_RELAXED) != (uintptr_t)handle ||
                  __atomic_load_n(&q->gen, __ATOMIC_RELAXED) != ref->gen) ||
      /* not yet counted on this side (0xff), or counted on the shared cell */
      SS_UNLIKELY(ref->cell[!push] >= SS_QUEUE_SHARED_CELL) ||
      SS_UNLIKELY(depth >= SS_QUEUE_INFLIGHT) ||
      SS_UNLIKELY(ss_queue_fast_off) ||
      SS_UNLIKELY(__atomic_load_n(&q->closed, __ATOMIC_ACQUIRE)) ||
      SS_UNLIKELY(push && qt->sample_countdown <= 1) ||
      SS_UNLIKELY((dflags & SYNCSAN_QUEUE_HAS_TIMED) && (dflags & SYNCSAN_QUEUE_BLOCKING) &&
                  recovery_on(q)))
    SS_TAIL return begin_full(c, d, handle, capacity, site);

  struct ss_qcall *k = (struct ss_qcall *)c;
  k->q = q;
  k->d = d;
  k->site = site;
  k->gen = ref->gen;
  k->role = (uint8_t)role;
  k->cell = ref->cell[!push];
  uintptr_t word = (uintptr_t)q | (push ? SS_QUEUE_INF_PUSH : SS_QUEUE_INF_POP);
  uint8_t flags = SS_QC_TRACKED | SS_QC_FAST;
  qt->depth = depth + 1; /* taken before written, as in ss_queue_publish */
  __atomic_signal_fence(__ATOMIC_SEQ_CST);
  if (dflags & SYNCSAN_QUEUE_BLOCKING) {
    uint64_t now = ss_queue_coarse_ms();
    k->since_ms = now;
    word |= SS_QUEUE_INF_BLOCK;
    flags |= SS_QC_BLOCK;
    __atomic_store_n(&qt->inf_since[depth], now, __ATOMIC_RELAXED);
    __atomic_store_n(&qt->inf_desc[depth], d, __ATOMIC_RELAXED);
  }
  __atomic_store_n(&qt->inflight[depth], word, __ATOMIC_RELEASE);
  k->slot = (uint8_t)(depth + 1);
  k->flags = flags;
  if (dflags & SYNCSAN_QUEUE_BLOCKING)
    ss_block_begin(SS_BLOCK_QUEUE, (uintptr_t)handle, site);
  if (push)
    qt->sample_countdown--;
  return SYNCSAN_QUEUE_CALL_PLAIN;
}

/* The common end of that common call: counted on the thread's own cell,
 * with nothing sampled, no failure to follow and no recovery. As in the
 * begin, anything else goes to end_full whole. */
SS_EXPORT void __syncsan_queue_end(struct syncsan_queue_call *c, int64_t r) {
  struct ss_qcall *k = (struct ss_qcall *)c;
  uint32_t flags = k->flags, role = k->role;
  int push = role == SYNCSAN_QUEUE_ROLE_PUSH;
  if (SS_UNLIKELY((flags & ~(uint32_t)SS_QC_BLOCK) != (SS_QC_TRACKED | SS_QC_FAST)))
    SS_TAIL return end_full(c, r);
  struct ss_queue *q = k->q;
  int ok = ss_queue_ok(k->d->ok, r);
  if (SS_UNLIKELY(__atomic_load_n(&q->gen, __ATOMIC_RELAXED) != k->gen) ||
      SS_UNLIKELY(!ok && !(flags & SS_QC_BLOCK)) ||
      SS_UNLIKELY(!push && ok && __atomic_load_n(&q->sampled, __ATOMIC_RELAXED)))
    SS_TAIL return end_full(c, r);
  struct ss_queue_thread *qt = &ss_queue_self;
  struct ss_queue_cell *cell = &q->cells[!push][k->cell];
  own_increment(ok ? &cell->n : &cell->failed);
  if (flags & SS_QC_BLOCK) {
    ss_block_end();
    uint64_t ms = ss_queue_coarse_ms() - k->since_ms;
    if (SS_UNLIKELY(ms))
      __atomic_add_fetch(push ? &q->push_blocked_ms : &q->pop_blocked_ms, ms, __ATOMIC_RELAXED);
  } else if (SS_UNLIKELY(qt->st_q != NULL)) {
    qt->st_q = NULL;
  }
  /* ss_queue_retract, knowing the slot (a common call has one). */
  uint32_t slot = k->slot - 1u;
  __atomic_store_n(&qt->inflight[slot], 0, __ATOMIC_RELEASE);
  qt->depth = slot;
  k->slot = 0;
}

SS_EXPORT void __syncsan_queue_unwind(struct syncsan_queue_call *c) {
  struct ss_qcall *k = (struct ss_qcall *)c;
  if (!(k->flags & SS_QC_TRACKED) || !k->q)
    return;
  if (k->role != SYNCSAN_QUEUE_ROLE_PUSH && k->role != SYNCSAN_QUEUE_ROLE_POP)
    return;
  if (k->flags & SS_QC_BLOCK)
    ss_block_end();
  ss_queue_retract(&ss_queue_self, k);
}
