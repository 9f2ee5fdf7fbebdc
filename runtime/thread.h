/* Per-thread state and the thread registry.
 *
 * Each thread's own state lives in __thread storage and is read and written
 * by that thread alone on the hook fast paths. Other threads look at it only
 * on slow paths (an error report, the deadlock watchdog), under the registry
 * lock, and only through fields that the owner writes with atomic stores. */
#ifndef SYNCSAN_THREAD_H
#define SYNCSAN_THREAD_H
#include "internal.h"

#define SS_HELD_INLINE 32

enum ss_lock_kind {
  SS_KIND_MUTEX,
  SS_KIND_RWLOCK,
  SS_KIND_SPIN,
  SS_KIND_MTX,
  SS_KIND_COUNT
};

enum ss_mode { SS_MODE_WRITE = 0, SS_MODE_READ = 1 };

/* One lock the thread holds. */
struct ss_held {
  uintptr_t addr;                  /* the lock object (atomic stores: scanned by others) */
  const struct syncsan_site *site; /* where it was acquired */
  uint32_t class_id;               /* lock class; 0 when not known */
  uint16_t kind;                   /* enum ss_lock_kind */
  uint16_t mode;                   /* enum ss_mode */
  uint32_t depth;                  /* recursive acquisitions beyond the first */
  uint32_t flags;                  /* SS_HELD_* */
};
#define SS_HELD_TRY 0x1u /* acquired by a successful trylock */

struct ss_thread {
  uint32_t tid;       /* T<tid> in reports; 0 is the main thread */
  uint8_t registered; /* this struct is initialised and in the registry */
  uint8_t in_hook;    /* recursion guard: the runtime is running on this thread */
  uint8_t untracked;  /* the registry was full: checks that need it are off */
  /* Held locks, innermost last. nheld counts every held lock; entries past
   * held_cap are not recorded (a one-time warning says so). */
  uint32_t nheld;
  uint32_t held_cap;
  struct ss_held *held;
  struct ss_held held_inline[SS_HELD_INLINE];
};

SS_HIDDEN extern __thread struct ss_thread ss_self;

/* Registers the calling thread if it is not yet; returns its state. */
SS_HIDDEN struct ss_thread *ss_thread_register_slow(void);
static inline struct ss_thread *ss_thread_get(void) {
  struct ss_thread *t = &ss_self;
  if (SS_UNLIKELY(!t->registered))
    t = ss_thread_register_slow();
  return t;
}

SS_HIDDEN void ss_thread_init_main(void);

/* Pushes a held lock; grows past the inline array on demand (mmap). */
SS_HIDDEN struct ss_held *ss_held_push(struct ss_thread *t);
/* Finds the innermost entry for addr, or NULL. */
static inline struct ss_held *ss_held_find(struct ss_thread *t, uintptr_t addr) {
  uint32_t n = t->nheld < t->held_cap ? t->nheld : t->held_cap;
  for (uint32_t i = n; i-- > 0;)
    if (t->held[i].addr == addr)
      return &t->held[i];
  return NULL;
}
/* Removes entry e (not necessarily the innermost: unlock order is free). */
SS_HIDDEN void ss_held_remove(struct ss_thread *t, struct ss_held *e);

/* What reports say about a thread, kept after it exits. */
struct ss_thread_info {
  uint32_t tid;
  uint32_t parent;
  const struct syncsan_site *create_site;
  char name[32];
  int live;
};
SS_HIDDEN int ss_thread_info(uint32_t tid, struct ss_thread_info *out);

/* Finds a live thread (other than the caller) that holds addr; fills its tid
 * and acquisition site. Slow path: scans every live thread. */
SS_HIDDEN int ss_thread_find_holder(uintptr_t addr, uint32_t *tid,
                                    const struct syncsan_site **site);

/* Called at thread exit (key destructor) and at process exit for T0. */
typedef void (*ss_thread_exit_fn)(struct ss_thread *t, int process_exit);
SS_HIDDEN extern ss_thread_exit_fn ss_on_thread_exit;
SS_HIDDEN void ss_thread_process_exit(void);
#endif
