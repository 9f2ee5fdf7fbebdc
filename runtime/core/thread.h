/* Per-thread state and the thread registry.
 *
 * Each thread's own state lives in __thread storage and is read and written
 * by that thread alone on the hook fast paths. Other threads look at it only
 * on slow paths (an error report, the deadlock watchdog), under the registry
 * lock, and only through fields that the owner writes with atomic stores. */
#ifndef SYNCSAN_THREAD_H
#define SYNCSAN_THREAD_H
#include <pthread.h>

#include "internal.h"

/* Per-family per-thread state that other threads read on slow paths (the
 * deadlock watchdog scans held locks) hangs off the thread's core state by
 * an extension key: a family takes a key at start-up and stores a pointer
 * to its own __thread state under it from its thread_start callback. The
 * family's fast paths never go through it: they use their __thread state
 * directly. */
#define SS_THREAD_EXT_MAX 8

struct ss_thread {
  uint32_t tid;       /* T<tid> in reports; 0 is the main thread */
  uint8_t registered; /* this struct is initialised and in the registry */
  uint8_t untracked;  /* the registry was full: checks that need it are off */
  uint16_t in_hook;   /* depth of runtime regions this thread is inside */
  uint32_t slot;      /* its registry slot (thread.c); guarded by the registry lock */
  uint16_t forwarding; /* depth of forwarded library calls (real.h: ss_forward_begin) */
  /* The return address of the hook whose slow path is running: where a
   * stack captured for a report or a new lock-order edge starts (stack.h).
   * Noted on slow paths only, never on a hook's fast path. */
  uintptr_t hook_pc;
  /* The thread this one is blocked joining (pthread_join, thrd_join,
   * std::thread::join), as its tid + 1, 0 when none, and a count that
   * changes with every join; ss_join_wait_begin/end write them. The
   * deadlock watchdog reads them (a join is a wait-for edge to the joined
   * thread), so they are atomic stores of the owner's. */
  uint32_t joining;
  uint32_t join_seq;
  const struct syncsan_site *join_site;
  /* What the thread is blocked in for a family other than locks and joins
   * (a barrier, a semaphore, a queue): SS_BLOCK_* with SS_BLOCK_TIMED for
   * a wait with a timeout, 0 when none; the object; where; and a count
   * that changes with every wait. ss_block_begin/end write them around the
   * real blocking call, with atomic stores of the owner's; the watchdog and
   * other threads' stall reports read them (ss_thread_where). */
  uint32_t block_kind;
  uint32_t block_seq;
  uintptr_t block_obj;
  const struct syncsan_site *block_site;
  void *ext[SS_THREAD_EXT_MAX]; /* atomic release stores; read with acquire */
  /* The start routine the thread was created with (pthread_create,
   * thrd_create: the function the program passed), set before the
   * families' thread_start runs; 0 for the main thread and for threads
   * the runtime did not see created. Written once by the thread itself. */
  uintptr_t start_fn;
};

SS_HIDDEN extern __thread struct ss_thread ss_self;

/* Registers the calling thread if it is not yet, starting the runtime
 * first if needed (lifecycle.c); returns its state. */
SS_HIDDEN struct ss_thread *ss_thread_register_slow(void);
/* Registers the calling thread, which the runtime has not seen created
 * (the runtime is up). */
SS_HIDDEN struct ss_thread *ss_thread_register_unseen(void);
static SS_ALWAYS_INLINE struct ss_thread *ss_thread_get(void) {
  struct ss_thread *t = &ss_self;
  if (SS_UNLIKELY(!t->registered))
    t = ss_thread_register_slow();
  return t;
}

SS_HIDDEN void ss_thread_init_main(void);

/* Around a blocking join of the thread with tid `tid` (a hook's slow path
 * calls them around the real join; a try-join, which cannot block, does
 * not). */
static inline void ss_join_wait_begin(uint32_t tid, const struct syncsan_site *site) {
  struct ss_thread *t = &ss_self;
  t->join_site = site;
  __atomic_store_n(&t->join_seq, t->join_seq + 1, __ATOMIC_RELAXED);
  __atomic_store_n(&t->joining, tid + 1, __ATOMIC_RELEASE);
}
static inline void ss_join_wait_end(void) {
  __atomic_store_n(&ss_self.joining, 0, __ATOMIC_RELAXED);
}

/* The kinds of ss_thread.block_kind. The core only stores and shows them;
 * the family that owns a kind says what its object is (thread_where in
 * family.h). New kinds are appended. */
enum ss_block_kind {
  SS_BLOCK_NONE = 0,
  SS_BLOCK_BARRIER = 1,   /* pthread_barrier_wait, std::barrier, std::latch */
  SS_BLOCK_OMP = 2,       /* an OpenMP barrier (explicit or implicit), obj: the team */
  SS_BLOCK_SEM = 3,       /* sem_wait and friends, std::counting_semaphore */
  SS_BLOCK_QUEUE = 4,     /* a queue push or pop (the queues family) */
};
#define SS_BLOCK_TIMED 0x100u /* the wait has a timeout: it ends by itself */
#define SS_BLOCK_KIND(k) ((k) & 0xffu)

/* Around a blocking wait of kind (SS_BLOCK_*, | SS_BLOCK_TIMED) on obj,
 * made at site; the hook calls them around the real call. A try
 * operation, which cannot block, does not. */
static inline void ss_block_begin(uint32_t kind, uintptr_t obj, const struct syncsan_site *site) {
  struct ss_thread *t = &ss_self;
  t->block_site = site;
  __atomic_store_n(&t->block_obj, obj, __ATOMIC_RELAXED);
  __atomic_store_n(&t->block_seq, t->block_seq + 1, __ATOMIC_RELAXED);
  __atomic_store_n(&t->block_kind, kind, __ATOMIC_RELEASE);
}
static inline void ss_block_end(void) {
  __atomic_store_n(&ss_self.block_kind, SS_BLOCK_NONE, __ATOMIC_RELAXED);
}

/* What thread t (live, in the registry; the caller holds the registry
 * lock, as in ss_threads_foreach) is doing, in words for a report:
 * "blocked acquiring mutex 0x... at a.c:12:3", "blocked joining T2 at
 * ...", "blocked in pthread_barrier_wait on barrier 0x... at ...", or
 * "running (not blocked in an operation syncsan sees)". The join is the
 * core's; every other wait is described by the family that owns it (the
 * first family whose thread_where answers). Writes at most n bytes (NUL
 * included) to buf and returns buf. Slow paths only; no malloc. */
SS_HIDDEN const char *ss_thread_where(struct ss_thread *t, char *buf, size_t n);

/* The threads that thread tid, blocked, waits for: the thread it joins,
 * or what the family that owns its wait says (a lock's holders in a
 * conflicting mode; a barrier's missing participants; ...). Up to max tids
 * into out; returns how many, 0 when tid is not blocked or no registered
 * thread can end its wait (a condvar wait: anyone may signal). For stall
 * and deadlock diagnosis that crosses families (a barrier waiter holding a
 * lock a missing participant is blocked on). Slow paths only (a monitor
 * tick): it takes the registry lock itself, so the caller must not hold
 * it, and it is a snapshot: the threads may have moved on since. */
SS_HIDDEN uint32_t ss_thread_waits_for(uint32_t tid, uint32_t *out, uint32_t max);
/* What a wait-for edge from ss_thread_waits_for is made of, for a report
 * that names it (a barrier waiter holding the lock a missing participant
 * is blocked on): when `waiter` is blocked on an object `holder` holds,
 * the object's label ("mutex M3 'g_mu' (0x...)"), where waiter waits and
 * where holder took it: 1 (the first family whose wait_detail answers);
 * else 0. Slow paths; the caller must not hold the registry lock. */
SS_HIDDEN int ss_thread_wait_detail(uint32_t waiter, uint32_t holder, char *label, size_t n,
                                    const struct syncsan_site **wait_site,
                                    const struct syncsan_site **held_site);

/* Whether thread t (live; the caller holds the registry lock) is blocked
 * without a timeout in a family's wait (its block note) that nothing has
 * been done to end since it began, as the family that owns the wait says
 * (family.h: block_unwoken); its object, sequence number and site then go
 * to *obj, *seq, *site. Such a thread can run again only if another
 * thread acts, as one in a condvar wait with no signal since it began. */
SS_HIDDEN int ss_thread_block_unwoken(struct ss_thread *t, uintptr_t *obj, uint32_t *seq,
                                      const struct syncsan_site **site);

/* The thread `th` names: its tid, and its registry slot (UINT32_MAX for a
 * thread created but not registered yet); 0 if it is not known (created
 * unseen and not yet run, its slot reused, or untracked). A thread that
 * has exited keeps its slot until a later thread needs it; one that was
 * joined is no longer found (ss_thread_reaped), since glibc may give its
 * pthread_t to a new thread. Slow path: a scan under the registry lock. */
SS_HIDDEN int ss_thread_find(pthread_t th, uint32_t *tid, uint32_t *slot);
/* Thread tid, in slot `slot`, has been joined. */
SS_HIDDEN void ss_thread_reaped(uint32_t tid, uint32_t slot);

/* What reports say about a thread, kept after it exits. */
struct ss_thread_info {
  uint32_t tid;
  uint32_t parent;
  const struct syncsan_site *create_site;
  uint32_t create_stack; /* ss_stack_id: the call stack above create_site */
  char name[32];
  int live;
};
SS_HIDDEN int ss_thread_info(uint32_t tid, struct ss_thread_info *out);

/* Calls fn for every live thread under the registry lock (slow paths only:
 * the watchdog, exit statistics). slot is stable while the thread lives. */
SS_HIDDEN void ss_threads_foreach(void (*fn)(struct ss_thread *t, uint32_t slot, void *arg),
                                  void *arg);
SS_HIDDEN uint32_t ss_threads_capacity(void);
/* The same, giving up (returning 0, fn never called) when the registry
 * lock stays busy for `tries` attempts: for a fatal-signal handler. */
SS_HIDDEN int ss_threads_try_foreach(void (*fn)(struct ss_thread *t, uint32_t slot, void *arg),
                                     void *arg, unsigned tries);

/* A new extension key (start-up only); -1 when all are taken. */
SS_HIDDEN int ss_thread_ext_key(void);
static inline void *ss_thread_ext(struct ss_thread *t, int key) {
  return key >= 0 ? __atomic_load_n(&t->ext[key], __ATOMIC_ACQUIRE) : NULL;
}
/* Re-entry. A hook can be entered again on a thread that is already inside
 * the runtime: from a signal handler that interrupted it, or from code the
 * runtime itself calls. The re-entered hook must not take a runtime lock its
 * own thread may hold (it would spin forever) nor see shared state half
 * updated, so it performs the real operation without checks, as the
 * sanitizers do. ss_self.in_hook counts the regions the thread is in: every
 * runtime spinlock held (ss_spin_lock/ss_spin_unlock count them), thread
 * registration, start-up and the span of a fork. A thread-local counter is
 * all it costs, and only on slow paths: the hooks' fast paths touch only the
 * thread's own state and need no guard. The compiler-only fences keep the
 * counter's updates where a signal handler on this thread can see them. */
/* On a slow path inside a hook (also from inline code that is part of one):
 * notes the hook's return address for stack captures. */
#define SS_NOTE_HOOK_PC() (ss_self.hook_pc = (uintptr_t)__builtin_return_address(0))
static SS_ALWAYS_INLINE int ss_in_hook(void) { return ss_self.in_hook; }
static SS_ALWAYS_INLINE void ss_enter_runtime(void) {
  ss_self.in_hook++;
  __atomic_signal_fence(__ATOMIC_SEQ_CST);
}
static SS_ALWAYS_INLINE void ss_leave_runtime(void) {
  __atomic_signal_fence(__ATOMIC_SEQ_CST);
  ss_self.in_hook--;
}

/* A name the program gave a thread (pthread_setname_np, prctl), for
 * reports: the calling thread's, at most max bytes of it; or the thread
 * th's, which may not have registered yet (it then takes the name when it
 * does). Slow paths: naming is rare. */
SS_HIDDEN void ss_thread_named_self(const char *name, size_t max);
SS_HIDDEN void ss_thread_named(pthread_t th, const char *name);

/* In a forked child: every thread but the calling one leaves the registry
 * (they do not exist in the child); their descriptions stay. */
SS_HIDDEN void ss_threads_fork_child(void);

/* Runs every family's thread_exit for the main thread (process exit). */
SS_HIDDEN void ss_thread_process_exit(void);
#endif
