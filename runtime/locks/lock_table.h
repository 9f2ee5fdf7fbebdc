/* Shared lock metadata: what the runtime knows about each lock instance
 * beyond what a thread's held stack says. Touched on init/destroy, on the
 * first sight of a lock, and on reports; never on the per-acquire fast path
 * of a lock already known to the thread. */
#ifndef SYNCSAN_LOCK_TABLE_H
#define SYNCSAN_LOCK_TABLE_H
#include "core/internal.h"
#include "core/report.h"

struct ss_lock {
  uintptr_t addr;                       /* key; 0 while the record is free */
  struct ss_lock *next;                 /* hash chain / free list */
  uint32_t id;                          /* instance serial: "M<id>" in reports */
  uint32_t class_id;                    /* lock class (0: none assigned yet) */
  const struct syncsan_site *init_site; /* its *_init call, or NULL */
  /* Initialised inside a lock wrapper: the return address of the first
   * frame above the wrappers (lock_class.h), which keys its class; else 0. */
  uintptr_t init_pc;
  uint64_t init_key; /* that frame's source place (file, line, column, function), hashed */
  const char *name;                     /* global symbol, when known */
  uint32_t name_off;                    /* the lock's offset in that global */
  uint32_t name_elem;                   /* in a global array: element index + 1; else 0 */
  uint16_t kind;                        /* enum ss_lock_kind */
  uint16_t flags;                       /* SS_LOCK_* */
  /* The incarnation: a process-unique value given when the record is
   * created (first sight or an init call). A held entry or a graph instance
   * that recorded another value belongs to an earlier lock at this address
   * (re-initialised, or destroyed and reused). Class caches are validated
   * by the address's epoch below, not by this. */
  uint32_t gen;
  int32_t level; /* level declared for this instance (syncsan_lock_set_level); 0 none */
  /* The graph's instance nodes of this incarnation (lock_class.c), chained
   * through the nodes, so that forgetting the lock retires them. */
  uint32_t instances;
  /* A robust mutex whose holder ended holding it (lock_rules.c): tid + 1
   * of that thread and its acquisition, until a thread takes the mutex
   * over (EOWNERDEAD); 0 when none. */
  uint32_t dead_owner;
  uint32_t dead_stack; /* ss_stack_id */
  const struct syncsan_site *dead_site;
};
#define SS_LOCK_STATIC 0x1u        /* first seen without an init call */
#define SS_LOCK_LEVEL_ORDERED 0x2u /* its level is an ordered group */
/* First used after its destroy (lock-destroyed reported it): the object is
 * no lock, so its stray unlocks say nothing more. */
#define SS_LOCK_USED_DESTROYED 0x4u

/* Lock identity epochs: a destroy, re-init or level change of a lock bumps
 * the epoch of its address's bucket. A thread's class cache entry records
 * the bucket epoch it was filled under and is valid while it is unchanged:
 * one load of a rarely written shared line, with no pointer to follow. */
#define SS_EPOCH_BUCKETS 256u
SS_HIDDEN extern uint32_t ss_lock_epochs[SS_EPOCH_BUCKETS];
static inline uint32_t *ss_lock_epoch(uintptr_t addr) {
  return &ss_lock_epochs[(addr >> 4 ^ addr >> 12) & (SS_EPOCH_BUCKETS - 1)];
}

/* Finds the record of addr, creating it when absent. `site` names the
 * lock's global when the pass knew it; `init_site` is the init call, or
 * NULL for a lock first seen in use. Returns NULL when the table is full. */
SS_HIDDEN struct ss_lock *ss_lock_lookup(uintptr_t addr, int kind,
                                         const struct syncsan_site *site,
                                         const struct syncsan_site *init_site);
/* ss_lock_lookup for a use of the lock (init_site NULL) that also tells
 * whether the record it created is the first sight of the address since a
 * destroy: then gone->addr is addr and *gone says what was destroyed (the
 * entry is taken: one use sees it); else gone->addr is 0. With copy, the
 * record is also copied there, under the same stripe (the class lookup's
 * one trip to the table). */
struct ss_gone;
SS_HIDDEN struct ss_lock *ss_lock_lookup_use(uintptr_t addr, int kind,
                                             const struct syncsan_site *site,
                                             struct ss_gone *gone, struct ss_lock *copy);
/* Copies the record of addr into *out; 0 when unknown. */
SS_HIDDEN int ss_lock_snapshot(uintptr_t addr, struct ss_lock *out);
/* Sets the instance level of addr. A record is not created for it: with
 * none yet, the level waits for the lock's first init or use (lock_pending.c).
 * 0 when that table is full. */
SS_HIDDEN int ss_lock_set_level(uintptr_t addr, int32_t level, int ordered);
/* Records the user frame of addr's init call inside a wrapper. */
SS_HIDDEN void ss_lock_set_init_pc(uintptr_t addr, uintptr_t pc, uint64_t key);
/* Sets flags (SS_LOCK_*) in addr's record, if it has one. */
SS_HIDDEN void ss_lock_add_flags(uintptr_t addr, uint16_t flags);
/* Records the class of a record (the lock graph's slow path). */
SS_HIDDEN void ss_lock_set_class(struct ss_lock *l, uint32_t class_id);
/* Forgets addr (destroy): a lock re-created at the same address is new.
 * Returns the first of its instance nodes (0: none), which the caller
 * retires from the graph (ss_lock_retire in locks.h does both), and stores
 * the forgotten record's class in *class_id (0: none, or no record). */
SS_HIDDEN uint32_t ss_lock_forget(uintptr_t addr, uint32_t *class_id);
/* Records instance node `node` as one of incarnation gen of addr's. Returns
 * the previous first one (0: none) to chain behind it, or UINT32_MAX when
 * that incarnation is gone (the node then stays until the graph is). */
SS_HIDDEN uint32_t ss_lock_push_instance(uintptr_t addr, uint32_t gen, uint32_t node);
/* A held entry that recorded incarnation `gen` of addr is stale: the lock
 * at addr was re-initialised (or destroyed and created anew) since, so the
 * entry no longer says that anyone holds the lock there. gen 0 (acquired
 * while untracked) and an address with no record are never stale. A slow
 * path: it takes the address's stripe. */
SS_HIDDEN int ss_lock_stale(uintptr_t addr, uint32_t gen);
/* A robust mutex at addr was held by thread tid when it ended: remember
 * that until a thread takes it over. 0 when addr has no record. */
SS_HIDDEN int ss_lock_note_owner_died(uintptr_t addr, uint32_t tid,
                                      const struct syncsan_site *site, uint32_t stack);
/* A thread acquired addr with EOWNERDEAD: it took the mutex over. */
SS_HIDDEN void ss_lock_owner_taken(uintptr_t addr);
/* Takes the record of addr (0: any, a scan of the table, for process
 * exit) whose dead owner nobody took over into *out, clearing that there;
 * 0 when there is none. */
SS_HIDDEN int ss_lock_take_owner_died(uintptr_t addr, struct ss_lock *out);
/* The current incarnation of addr, or 0 when it has no record. */
SS_HIDDEN uint32_t ss_lock_gen_now(uintptr_t addr);

/* "g_conn+8" or "g_mu": a record's global name with its offset. */
SS_HIDDEN const char *ss_lock_name(const struct ss_lock *l, char *buf, size_t n);
/* Prints "mutex M3 'g_mu' (0x...)" for addr into buf. */
SS_HIDDEN const char *ss_lock_label(uintptr_t addr, int kind, const struct syncsan_site *site,
                                    char *buf, size_t n);
/* Adds "<Label> was initialised at: ..." (or "statically initialised"). */
SS_HIDDEN void ss_report_lock_origin(struct ss_report *r, uintptr_t addr);

SS_HIDDEN const char *ss_lock_kind_name(int kind);
/* The kind of lock (enum ss_lock_kind) a lock operation SYNCSAN_OP_* acts on. */
SS_HIDDEN uint32_t ss_lock_op_kind(uint32_t op);
SS_HIDDEN void ss_lock_table_init(void);
#endif
