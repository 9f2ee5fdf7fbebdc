/* The barrier table: one record per barrier address (a pthread_barrier_t,
 * or an OpenMP team, keyed by its parallel region), with the model the
 * checks work on: the count, the phase number, who arrived in the current
 * phase and where, and which distinct threads have ever used it.
 *
 * The model follows the real barrier without waiting for it: an arrival is
 * counted (under the record's lock) before the real wait, and the count-th
 * arrival of a phase starts the next one. A thread's k-th arrival cannot
 * return from the real wait before every participant's k-th arrival has
 * entered it, so with one thread per participant the model's phase k holds
 * exactly the k-th arrivals; only with more threads than the count (itself
 * reported, barrier-count-mismatch) can the two disagree.
 *
 * Records are never freed (a destroyed barrier keeps its record, so that a
 * later use is known to be of a destroyed one; an init at the address makes
 * a new incarnation, gen), so lookups walk append-only hash chains without
 * the table lock. The table is bounded (max_barriers): past it, barriers go
 * untracked with a one-time warning. */
#ifndef SYNCSAN_BARRIER_TABLE_H
#define SYNCSAN_BARRIER_TABLE_H
#include "core/internal.h"

/* Distinct users remembered per incarnation (past it, only counted) and
 * arrivals per phase remembered with their sites (past it, counted). */
#define SS_BARRIER_USERS 64
#define SS_BARRIER_ARRIVED 64

enum ss_barrier_state { SS_BAR_FREE, SS_BAR_LIVE, SS_BAR_DESTROYED };
/* SS_BAR_LATCH: a std::latch, one phase whose arrivals are its count-downs
 * (a count_down names no thread; an arrive_and_wait is the thread's
 * arrival) and whose waiters are the threads blocked in its wait. */
enum ss_barrier_kind { SS_BAR_PTHREAD, SS_BAR_OMP, SS_BAR_CXX /* std::barrier */, SS_BAR_LATCH };

struct ss_barrier_user {
  uint32_t tid;
  /* The thread has exited (the pool check found it gone): the slot is
   * free for a new user. No live thread's cache names it, so reusing it
   * moves no thread's marks. */
  uint32_t exited;
  uint64_t arrived_plus1; /* phase + 1 of its last arrival in this incarnation; 0 none */
};

/* The tid of an arrival that names no thread (ss_barrier_add_arrivals). */
#define SS_BARRIER_ANON UINT32_MAX

struct ss_barrier_arrival {
  uint32_t tid; /* SS_BARRIER_ANON: a count, no thread (its site NULL) */
  uint32_t sync_kind; /* OpenMP: its ompt_sync_region_t; 0 for pthread */
  const struct syncsan_site *site;
};

struct ss_barrier {
  uintptr_t addr;    /* the key, set once before the record is linked */
  uint32_t next;     /* hash chain: index + 1 of the next record, 0 ends */
  uint32_t kind;     /* enum ss_barrier_kind, set once */
  ss_spin_t lock;
  /* Under lock. The stall tick and ss_thread_where read the counters
   * without it (relaxed loads: a snapshot, retaken under the lock before a
   * report). */
  uint32_t state; /* enum ss_barrier_state */
  uint32_t gen;   /* incarnation: each init adds one */
  uint32_t count;
  uint32_t narrived; /* arrivals in the current phase */
  uint64_t phase;
  uint32_t nusers;     /* user slots in use or freed, <= SS_BARRIER_USERS */
  uint32_t users_lost; /* distinct users past the array: counted only */
  uint32_t pool_reported; /* more live users than the count: said once per incarnation */
  /* std::barrier::arrive_and_drop calls in the current phase: the count
   * is that much lower from the next phase on. */
  uint32_t drops;
  uint32_t init_tid;
  const struct syncsan_site *init_site;    /* NULL: initialised where syncsan did not see */
  const struct syncsan_site *destroy_site; /* the last destroy */
  uint32_t destroy_tid;
  uint64_t team_id; /* OpenMP: the parallel region the incarnation is for (barrier_omp.c) */
  struct ss_barrier_user users[SS_BARRIER_USERS];
  struct ss_barrier_arrival arrived[SS_BARRIER_ARRIVED];
  /* The stall tick's own (monitor thread only): the phase it last saw in
   * progress, since when, and whether that phase was diagnosed. */
  uint64_t seen_phase;
  uint64_t seen_since_ms;
  uint32_t seen_gen, seen_valid, seen_reported;
};

SS_HIDDEN void ss_barrier_table_init(void);
/* The record of addr, or NULL (lock-free). */
SS_HIDDEN struct ss_barrier *ss_barrier_find(uintptr_t addr);
/* The record of addr, made (state FREE) when absent; NULL when the table is
 * full (a one-time warning). */
SS_HIDDEN struct ss_barrier *ss_barrier_get(uintptr_t addr, uint32_t kind);
/* Records in use, for the stall tick: records [0, n) exist. */
SS_HIDDEN uint32_t ss_barrier_used(void);
SS_HIDDEN struct ss_barrier *ss_barrier_at(uint32_t i);

/* Under b->lock: a new incarnation with `count` participants. */
SS_HIDDEN void ss_barrier_reset(struct ss_barrier *b, uint32_t count,
                                const struct syncsan_site *site, uint32_t tid);

/* An arrival as the model sees it. */
struct ss_barrier_arrive {
  int known;       /* the barrier is live (not destroyed): the arrival was counted */
  int double_wait; /* the thread had arrived in this phase already */
  int new_user;    /* the thread is a distinct user new to this incarnation */
  int completes;   /* this arrival completed the phase */
  uint32_t count, narrived, gen, nusers; /* narrived: with this arrival */
  uint32_t state;
  uint64_t phase; /* the phase arrived in */
  const struct syncsan_site *first_site; /* double_wait: the thread's earlier arrival */
};
/* The calling thread (tid) arrives at addr's barrier at site: the record
 * (found through the thread's small cache of the barriers it uses, made
 * with `kind` when absent), or NULL when the table is full. One short
 * critical section on the record; a scan of its users only the first time
 * a thread uses an incarnation. */
SS_HIDDEN struct ss_barrier *ss_barrier_arrive(uintptr_t addr, uint32_t kind, uint32_t tid,
                                               const struct syncsan_site *site,
                                               uint32_t sync_kind, struct ss_barrier_arrive *out);

/* std::barrier: the calling thread's next arrival is an arrive_and_drop,
 * so the phases after the current one expect one arrival fewer. */
SS_HIDDEN void ss_barrier_drop_next(struct ss_barrier *b);
/* std::barrier::arrive(n) with n > 1: n - 1 arrivals on top of the
 * thread's own (ss_barrier_arrive), which name no thread; a std::latch's
 * count_down(n): n of them. */
SS_HIDDEN void ss_barrier_add_arrivals(struct ss_barrier *b, uint32_t n);

/* In a forked child: only the forking thread exists, and it is in no
 * barrier wait: every phase in progress and every user is forgotten, and
 * a record lock another thread held at the fork is free again. */
SS_HIDDEN void ss_barrier_table_fork_child(void);
#endif
