/* Destroyed synchronisation objects not initialised since: what
 * condvar-destroyed and lock-destroyed know of an address after its
 * record left the condvar or lock table. One memory for both, direct
 * mapped by address and bounded without a pool: a later destroy at a
 * colliding address overwrites an entry (a miss, never a false report).
 * Touched on destroy, init, and a table's first sight of an address. */
#ifndef SYNCSAN_GONE_TABLE_H
#define SYNCSAN_GONE_TABLE_H
#include "core/internal.h"

/* What an entry is: a condvar, or a lock of enum ss_lock_kind + 1. */
#define SS_GONE_COND 0xffffu

struct ss_gone {
  uintptr_t addr; /* 0: none */
  uint32_t id;    /* C<id> or M<id> */
  uint16_t what;  /* SS_GONE_COND or a lock kind + 1 */
  const struct syncsan_site *init_site;    /* NULL: statically initialised */
  const struct syncsan_site *destroy_site;
  const char *name;                        /* global symbol, when known */
  /* Locks only: a hash of the object's bytes right after the destroy, and
   * whether those bytes could also be a freshly initialised lock's
   * (lock_gone.c decides). */
  uint64_t bytes;
  uint32_t init_like;
};

/* Remembers g (its addr, what and the rest), replacing whatever shared
 * its slot. */
SS_HIDDEN void ss_gone_note(const struct ss_gone *g);
/* Copies the entry of addr into *out when it is one of `what` (for locks:
 * any lock kind when what is 0); 1 when found. */
SS_HIDDEN int ss_gone_find(uintptr_t addr, uint16_t what, struct ss_gone *out);
/* As ss_gone_find, and forgets the entry: its first use was seen. */
SS_HIDDEN int ss_gone_take(uintptr_t addr, uint16_t what, struct ss_gone *out);
/* Forgets addr's entry of `what` (as above): an init made a new object. */
SS_HIDDEN void ss_gone_forget(uintptr_t addr, uint16_t what);
#endif
