/* The entries for libstdc++'s C++20 std::barrier, std::latch and
 * std::counting_semaphore (<syncsan/cxx_hooks.h>): the pass hands each the
 * member it stands for, which the entry calls exactly once to perform the
 * operation, so the header's semantics (phases, the completion function,
 * the arrival token) are unchanged.
 *
 * std::barrier goes to the barrier table under the pthread barrier's
 * rules (barrier_table.h): the constructor's count, one arrival per
 * arrive_and_wait or arrive, and an arrive_and_drop that lowers the count
 * from the next phase on; the stall tick (barrier_stall.c) sees it like
 * any barrier, through its record and the SS_BLOCK_BARRIER block notes.
 * A std::latch is a barrier record of one phase (SS_BAR_LATCH): its
 * count-downs are arrivals that name no thread, an arrive_and_wait is the
 * thread's own arrival, and the threads in its wait are found by their
 * block notes when the stall tick reports it.
 * std::counting_semaphore goes to the semaphore table (sem_table.h):
 * acquire is a wait, release(n) n posts, and a blocking acquire is an
 * SS_BLOCK_SEM wait, so sem-stall and its cycle diagnosis apply.
 *
 * An object constructed where the pass did not see (an uninstrumented
 * module, a barrier with a completion function, which the pass leaves
 * alone, a constant-initialised semaphore) is adopted at its first use,
 * with the count or value it holds: libstdc++ 12's layouts, below. */
#include <stdint.h>

#include "syncsan/hooks.h"

#include "barrier_report.h"
#include "barrier_table.h"
#include "sem_misuse.h"
#include "sem_table.h"
#include "sem_thread.h"
#include "core/monitor.h"
#include "core/thread.h"

/* std::barrier<F> holds a __tree_barrier<F> whose first member is the
 * ptrdiff_t count of the current phase (written by the thread that
 * completes a phase, hence the relaxed atomic read); a std::latch is its
 * int count still to go; a counting_semaphore<N> is an __atomic_semaphore,
 * one int counter. */
static long cxx_barrier_count(const void *self, uint32_t kind) {
  if (kind == SS_BAR_LATCH)
    return __atomic_load_n((const int *)self, __ATOMIC_RELAXED);
  return __atomic_load_n((const long *)self, __ATOMIC_RELAXED);
}
static int cxx_sem_value(const void *self) {
  return __atomic_load_n((const int *)self, __ATOMIC_RELAXED);
}

static int tracked(struct ss_thread *t) { return !ss_in_hook() && !t->untracked; }

/* ---- std::barrier ---- */

static void construct(void *self, long expected, uint32_t kind,
                      const struct syncsan_site *site) {
  struct ss_thread *t = ss_thread_get();
  /* A negative count breaks the constructor's precondition; a count of 0
   * admits no arrival at all: nothing to model in either. */
  if (!tracked(t) || expected <= 0 || expected > (long)UINT32_MAX)
    return;
  struct ss_barrier *b = ss_barrier_get((uintptr_t)self, kind);
  if (!b)
    return;
  ss_spin_lock(&b->lock);
  ss_barrier_reset(b, (uint32_t)expected, ss_site(site), t->tid);
  ss_spin_unlock(&b->lock);
}

SS_EXPORT void __syncsan_cxx_barrier_init(void *self, long expected, void (*real)(void *, long),
                                          const struct syncsan_site *site) {
  real(self, expected);
  construct(self, expected, SS_BAR_CXX, site);
}

/* The record of a barrier or latch in use: adopted, with the count it
 * holds, when the pass did not see it constructed. NULL: untracked. */
static SS_ALWAYS_INLINE struct ss_barrier *live(struct ss_thread *t, void *self, uint32_t kind) {
  uintptr_t addr = (uintptr_t)self;
  struct ss_barrier *b = ss_barrier_find(addr);
  if (SS_LIKELY(b && __atomic_load_n(&b->state, __ATOMIC_RELAXED) == SS_BAR_LIVE))
    return b;
  long c = cxx_barrier_count(self, kind);
  if (c <= 0 || c > (long)UINT32_MAX || !(b = ss_barrier_get(addr, kind)))
    return NULL;
  ss_spin_lock(&b->lock);
  if (b->state != SS_BAR_LIVE)
    ss_barrier_reset(b, (uint32_t)c, NULL, t->tid);
  ss_spin_unlock(&b->lock);
  return b;
}

/* The model's side of one arrival (and n - 1 more, for arrive(n)), with
 * the checks an arrival makes; always inline, so that the return address a
 * report notes is the entry's. */
static SS_ALWAYS_INLINE void arrive(struct ss_thread *t, void *self, uint32_t kind,
                                    const struct syncsan_site *site, long n, int drop) {
  uintptr_t addr = (uintptr_t)self;
  struct ss_barrier_arrive a;
  struct ss_barrier *b;
  if (n <= 0)
    return;
  if (SS_UNLIKELY(drop)) {
    if (!(b = live(t, self, kind)))
      return;
    ss_barrier_drop_next(b);
  }
  /* The common path: the thread's cache finds the record. */
  b = ss_barrier_arrive(addr, kind, t->tid, site, 0, &a);
  if (SS_UNLIKELY(b && !a.known)) {
    if (!live(t, self, kind))
      return;
    b = ss_barrier_arrive(addr, kind, t->tid, site, 0, &a);
  }
  if (!b || !a.known)
    return;
  if (SS_UNLIKELY(n > 1))
    ss_barrier_add_arrivals(b, n - 1 > (long)UINT32_MAX ? UINT32_MAX : (uint32_t)(n - 1));
  if (SS_UNLIKELY(a.double_wait || a.new_user)) {
    SS_NOTE_HOOK_PC();
    if (a.double_wait)
      ss_barrier_report_double_wait(t->tid, addr, site, b, &a);
    if (a.new_user && a.nusers > a.count)
      ss_barrier_check_pool(t->tid, addr, site, b);
    ss_monitor_start();
  }
}

/* Around a blocking wait in the member: published as a barrier wait; one
 * this one interrupted (from a signal handler) is published again after. */
#define BLOCKED(addr, site, call)                                                            \
  do {                                                                                       \
    struct ss_thread *self_ = ss_thread_get();                                               \
    uint32_t outer_ = __atomic_load_n(&self_->block_kind, __ATOMIC_RELAXED);                 \
    uintptr_t outer_obj_ = self_->block_obj;                                                 \
    const struct syncsan_site *outer_site_ = self_->block_site;                              \
    ss_block_begin(SS_BLOCK_BARRIER, (addr), (site));                                        \
    call;                                                                                    \
    ss_block_end();                                                                          \
    if (SS_UNLIKELY(outer_))                                                                 \
      ss_block_begin(outer_, outer_obj_, outer_site_);                                       \
  } while (0)

SS_EXPORT void __syncsan_cxx_barrier_arrive_and_wait(void *self, void (*real)(void *),
                                                     const struct syncsan_site *site) {
  struct ss_thread *t = ss_thread_get();
  if (SS_UNLIKELY(!tracked(t))) {
    real(self);
    return;
  }
  site = ss_site(site);
  arrive(t, self, SS_BAR_CXX, site, 1, 0);
  BLOCKED((uintptr_t)self, site, real(self));
}

SS_EXPORT unsigned char __syncsan_cxx_barrier_arrive(void *self, long update,
                                                     unsigned char (*real)(void *, long),
                                                     const struct syncsan_site *site) {
  struct ss_thread *t = ss_thread_get();
  if (SS_LIKELY(tracked(t)))
    arrive(t, self, SS_BAR_CXX, ss_site(site), update, 0);
  return real(self, update);
}

SS_EXPORT void __syncsan_cxx_barrier_wait(void *self, void *token, void (*real)(void *, void *),
                                          const struct syncsan_site *site) {
  struct ss_thread *t = ss_thread_get();
  if (SS_UNLIKELY(!tracked(t))) {
    real(self, token);
    return;
  }
  BLOCKED((uintptr_t)self, ss_site(site), real(self, token));
}

SS_EXPORT void __syncsan_cxx_barrier_arrive_and_drop(void *self, void (*real)(void *),
                                                     const struct syncsan_site *site) {
  struct ss_thread *t = ss_thread_get();
  if (SS_LIKELY(tracked(t)))
    arrive(t, self, SS_BAR_CXX, ss_site(site), 1, 1);
  real(self);
}

/* ---- std::latch ---- */

SS_EXPORT void __syncsan_cxx_latch_init(void *self, long expected, void (*real)(void *, long),
                                        const struct syncsan_site *site) {
  real(self, expected);
  construct(self, expected, SS_BAR_LATCH, site);
}

/* Counted before the real count_down, which may release the waiters. */
SS_EXPORT void __syncsan_cxx_latch_count_down(void *self, long update, void (*real)(void *, long),
                                              const struct syncsan_site *site) {
  (void)site;
  struct ss_thread *t = ss_thread_get();
  struct ss_barrier *b;
  if (SS_LIKELY(tracked(t)) && update > 0 && (b = live(t, self, SS_BAR_LATCH))) {
    ss_barrier_add_arrivals(b, update > (long)UINT32_MAX ? UINT32_MAX : (uint32_t)update);
    ss_monitor_start();
  }
  real(self, update);
}

SS_EXPORT void __syncsan_cxx_latch_wait(void *self, void (*real)(void *),
                                        const struct syncsan_site *site) {
  struct ss_thread *t = ss_thread_get();
  if (SS_UNLIKELY(!tracked(t))) {
    real(self);
    return;
  }
  live(t, self, SS_BAR_LATCH);
  BLOCKED((uintptr_t)self, ss_site(site), real(self));
}

SS_EXPORT void __syncsan_cxx_latch_arrive_and_wait(void *self, long update,
                                                   void (*real)(void *, long),
                                                   const struct syncsan_site *site) {
  struct ss_thread *t = ss_thread_get();
  if (SS_UNLIKELY(!tracked(t))) {
    real(self, update);
    return;
  }
  site = ss_site(site);
  arrive(t, self, SS_BAR_LATCH, site, update, 0);
  BLOCKED((uintptr_t)self, site, real(self, update));
}

/* ---- std::counting_semaphore ---- */

SS_EXPORT void __syncsan_cxx_sem_init(void *self, long desired, void (*real)(void *, long),
                                      const struct syncsan_site *site) {
  real(self, desired);
  struct ss_thread *t = ss_thread_get();
  if (!tracked(t) || desired < 0)
    return;
  SS_NOTE_HOOK_PC();
  site = ss_site(site);
  struct ss_sem_info prev;
  ss_sem_created((uintptr_t)self, desired > (long)UINT32_MAX ? UINT32_MAX : (unsigned)desired, 0,
                 SS_SEM_BY_INIT, ss_site_object(site), site, &prev);
  /* The storage of a semaphore threads still block in was reused. */
  if (prev.state == SS_SEM_LIVE && prev.blocked)
    ss_sem_report_in_use(t->tid, (uintptr_t)self, &prev, site, "reuses the storage of");
}

/* A semaphore with no live record was constructed where the pass did not
 * see: adopted, its posters all in this process (it is no sem_t that
 * another process could map). */
static SS_ALWAYS_INLINE void adopt(void *self) {
  if (SS_UNLIKELY(ss_sem_state((uintptr_t)self) != SS_SEM_LIVE)) {
    int v = cxx_sem_value(self);
    ss_sem_adopt((uintptr_t)self, v > 0 ? (unsigned)v : 0, 0);
  }
}

SS_EXPORT void __syncsan_cxx_sem_acquire(void *self, void (*real)(void *),
                                         const struct syncsan_site *site) {
  struct ss_thread *t = ss_thread_get();
  if (SS_UNLIKELY(!tracked(t))) {
    real(self);
    return;
  }
  uintptr_t addr = (uintptr_t)self;
  adopt(self);
  /* A unit is there: the acquire takes it without blocking (unless another
   * thread takes it first, and then the wait goes unpublished: a stall
   * missed, never one made up). */
  if (SS_LIKELY(cxx_sem_value(self) > 0)) {
    real(self);
    ss_sem_waited(addr);
    return;
  }
  struct ss_sem_ticket tk = ss_sem_block_begin(addr);
  ss_sem_thread_note(&tk);
  ss_block_begin(SS_BLOCK_SEM, addr, ss_site(site));
  ss_monitor_start();
  real(self); /* noexcept: it cannot unwind past the note */
  ss_block_end();
  ss_sem_block_end(tk, addr, 1);
}

SS_EXPORT bool __syncsan_cxx_sem_try_acquire(void *self, bool (*real)(void *),
                                             const struct syncsan_site *site) {
  (void)site;
  struct ss_thread *t = ss_thread_get();
  if (SS_UNLIKELY(!tracked(t)))
    return real(self);
  adopt(self);
  bool ok = real(self);
  if (ok)
    ss_sem_waited((uintptr_t)self);
  return ok;
}

SS_EXPORT void __syncsan_cxx_sem_release(void *self, long update, void (*real)(void *, long),
                                         const struct syncsan_site *site) {
  struct ss_thread *t = ss_thread_get();
  if (SS_LIKELY(tracked(t)) && update > 0) {
    adopt(self);
    /* Counted before the real release, so that a waiter it wakes never
     * finds more waits than posts. */
    ss_sem_post((uintptr_t)self, t->tid, ss_site(site), (uint64_t)update);
  }
  real(self, update);
}
