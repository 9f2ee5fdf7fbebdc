/* The runtime's side of the pass's in-line lock path (<syncsan/abi_fast.h>):
 * the layout it relies on, checked here against the structs it touches,
 * and the one entry its emitted code calls when it cannot finish itself. */
#include <errno.h>
#include <stddef.h>

#include "syncsan/abi_fast.h"

#include "core/real.h"
#include "lock_table.h"
#include "locks.h"
#include "mutex_op.h"

#define SS_FAST_AT(type, field, off)                                                         \
  _Static_assert(offsetof(type, field) == (off), #type "." #field " moved: <syncsan/abi_fast.h>")

SS_FAST_AT(struct ss_lock_thread, nheld, SYNCSAN_FAST_NHELD);
SS_FAST_AT(struct ss_lock_thread, fast_off, SYNCSAN_FAST_OFF);
SS_FAST_AT(struct ss_lock_thread, waiting_for, SYNCSAN_FAST_WAITING_FOR);
SS_FAST_AT(struct ss_lock_thread, wait_site, SYNCSAN_FAST_WAIT_SITE);
SS_FAST_AT(struct ss_lock_thread, wait_seq, SYNCSAN_FAST_WAIT_SEQ);
SS_FAST_AT(struct ss_lock_thread, class_cache, SYNCSAN_FAST_CLASS_CACHE);
SS_FAST_AT(struct ss_lock_thread, held_inline, SYNCSAN_FAST_HELD);
_Static_assert(sizeof(struct ss_held) == SYNCSAN_FAST_HELD_SIZE, "held entry size");
SS_FAST_AT(struct ss_held, addr, SYNCSAN_FAST_H_ADDR);
SS_FAST_AT(struct ss_held, site, SYNCSAN_FAST_H_SITE);
SS_FAST_AT(struct ss_held, chain, SYNCSAN_FAST_H_CHAIN);
SS_FAST_AT(struct ss_held, acq_ns, SYNCSAN_FAST_H_ACQ_NS);
SS_FAST_AT(struct ss_held, class_id, SYNCSAN_FAST_H_CLASS);
SS_FAST_AT(struct ss_held, lock_gen, SYNCSAN_FAST_H_CLASS + 4);
SS_FAST_AT(struct ss_held, level, SYNCSAN_FAST_H_LEVEL);
SS_FAST_AT(struct ss_held, kind, SYNCSAN_FAST_H_LEVEL + 4);
SS_FAST_AT(struct ss_held, mode, SYNCSAN_FAST_H_LEVEL + 6);
SS_FAST_AT(struct ss_held, depth, SYNCSAN_FAST_H_DEPTH);
SS_FAST_AT(struct ss_held, flags, SYNCSAN_FAST_H_DEPTH + 4);
SS_FAST_AT(struct ss_thread, in_hook, SYNCSAN_FAST_CORE_IN_HOOK);
_Static_assert(sizeof(((struct ss_thread *)0)->in_hook) == 2, "in_hook is 16 bits");
_Static_assert(sizeof(struct ss_class_cache_entry) == SYNCSAN_FAST_C_SIZE, "cache entry size");
_Static_assert(SS_CLASS_CACHE_BITS == SYNCSAN_FAST_CACHE_BITS, "class cache size");
SS_FAST_AT(struct ss_class_cache_entry, addr, SYNCSAN_FAST_C_ADDR);
SS_FAST_AT(struct ss_class_cache_entry, epoch, SYNCSAN_FAST_C_EPOCH);
SS_FAST_AT(struct ss_class_cache_entry, valid, SYNCSAN_FAST_C_VALID);
SS_FAST_AT(struct ss_class_cache_entry, class_id, SYNCSAN_FAST_C_CLASS);
SS_FAST_AT(struct ss_class_cache_entry, gen, SYNCSAN_FAST_C_CLASS + 4);
SS_FAST_AT(struct ss_class_cache_entry, level, SYNCSAN_FAST_C_LEVEL);
SS_FAST_AT(struct ss_class_cache_entry, held_flags, SYNCSAN_FAST_C_FLAGS);
_Static_assert(SS_EPOCH_BUCKETS == SYNCSAN_FAST_EPOCH_BUCKETS, "epoch buckets");
_Static_assert(SS_KIND_MUTEX == SYNCSAN_FAST_KIND_MUTEX && SS_KIND_RWLOCK == SYNCSAN_FAST_KIND_RWLOCK &&
                   SS_KIND_SPIN == SYNCSAN_FAST_KIND_SPIN && SS_KIND_MTX == SYNCSAN_FAST_KIND_MTX,
               "lock kinds");
_Static_assert(SS_MODE_WRITE == SYNCSAN_FAST_MODE_WRITE && SS_MODE_READ == SYNCSAN_FAST_MODE_READ,
               "lock modes");
_Static_assert(SS_WAIT_READ == 2, "the emitted rdlock marks its wait with bit 1");

/* The op a hook would have built for this acquisition. */
static void fast_op(struct ss_lockop *op, void *lock, const struct syncsan_site *site) {
  uint32_t code = site ? site->op : 0;
  int kind = (int)ss_lock_op_kind(code);
  if (kind == SS_KIND_MUTEX || kind == SS_KIND_MTX) {
    op->pshared = ss_mutex_pshared(ss_mutex_op(op, lock, kind, SS_ACQ_BLOCKING, ss_site(site)));
    if (kind == SS_KIND_MTX)
      op->pshared = 0;
    return;
  }
  *op = (struct ss_lockop){0};
  op->addr = (uintptr_t)lock;
  op->site = ss_site(site);
  op->kind = (uint16_t)kind;
  op->acq = SS_ACQ_BLOCKING;
  op->mode = code == SYNCSAN_OP_RWLOCK_RDLOCK ? SS_MODE_READ : SS_MODE_WRITE;
#if defined(__GLIBC__)
  if (kind == SS_KIND_RWLOCK &&
      __atomic_load_n(&((pthread_rwlock_t *)lock)->__data.__shared, __ATOMIC_RELAXED))
    op->pshared = SS_HELD_PSHARED;
#endif
}

/* The emitted acquire's real call is done: rc is its result. It gets here
 * when rc is not 0 (nothing was acquired, but for a robust mutex's
 * EOWNERDEAD), or when the thread's state changed during the call so that
 * the emitted push would be wrong (a signal handler took a lock, or
 * replaced the cache entry). The acquisition is then recorded the hook's
 * general way: ss_lock_before resolves the lock again and sees whatever the
 * thread holds now, ss_lock_after pushes. The wait marker is already
 * cleared; ss_lock_before's new one is cleared by ss_lock_after. */
SS_EXPORT int __syncsan_fast_v1_lock_end(void *lock, int rc, const struct syncsan_site *site) {
  struct ss_lock_thread *t = ss_lock_thread_get();
  int robust_taken = rc == EOWNERDEAD && site &&
                     (site->op == SYNCSAN_OP_MUTEX_LOCK);
  if ((rc != 0 && !robust_taken) || SS_UNLIKELY(ss_in_hook()))
    return rc;
  struct ss_lockop op;
  fast_op(&op, lock, site);
  ss_lock_before(t, &op);
  ss_lock_after(t, &op, 0);
  if (robust_taken)
    ss_lock_owner_taken(op.addr); /* the dead owner's hold ends here */
  return rc;
}
