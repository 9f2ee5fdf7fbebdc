/* syncsan public API and annotations.
 *
 * Safe to include in any build: without the syncsan runtime linked in, every
 * call below is a no-op and every annotation compiles to nothing, so a
 * program keeps one source for its syncsan and its ordinary builds.
 *
 * How: each function is declared weak, and a same-named macro calls it only
 * when the runtime defines it (a weak undefined function has address 0). */
#ifndef SYNCSAN_SYNCSAN_H
#define SYNCSAN_SYNCSAN_H

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__) || defined(__clang__)
#define SYNCSAN_WEAK_ __attribute__((weak))
#else
#define SYNCSAN_WEAK_
#endif

/* 1 when the syncsan runtime is linked in, 0 otherwise. */
int syncsan_is_active(void) SYNCSAN_WEAK_;
#define syncsan_is_active() (syncsan_is_active ? (syncsan_is_active)() : 0)

/* Names the calling thread in reports ("Thread T3 'worker-3'"). NULL or ""
 * clears the name; only the first 31 bytes are read and kept. */
void syncsan_set_thread_name(const char *name) SYNCSAN_WEAK_;
#define syncsan_set_thread_name(name)                                          \
  (syncsan_set_thread_name ? (syncsan_set_thread_name)(name) : (void)0)

/* ---- lock levels (a declared lock hierarchy) ----
 * A thread may acquire a lock only if the lock's level is higher than the
 * level of every lock it holds (lock-level-violation). Levels are 1..65535;
 * 0 clears. Locks of an *ordered* level may also be nested among themselves
 * (their order is then checked like any lock order). A level set on a lock
 * instance wins over its class's level (from an annotation or the
 * lock_levels= policy file). It may be set before the lock is initialised
 * or first used. A NULL or misaligned `lock` is ignored with a warning. */
void syncsan_lock_set_level(void *lock, int level) SYNCSAN_WEAK_;
#define syncsan_lock_set_level(lock, level)                                    \
  (syncsan_lock_set_level ? (syncsan_lock_set_level)((void *)(lock), (level)) : (void)0)
void syncsan_lock_set_level_ordered(void *lock, int level) SYNCSAN_WEAK_;
#define syncsan_lock_set_level_ordered(lock, level)                            \
  (syncsan_lock_set_level_ordered                                              \
       ? (syncsan_lock_set_level_ordered)((void *)(lock), (level))             \
       : (void)0)

/* On the declaration of a global or struct-member lock:
 *   pthread_mutex_t table_lock SYNCSAN_LOCK_LEVEL(10) = PTHREAD_MUTEX_INITIALIZER;
 *   struct account { pthread_mutex_t mu SYNCSAN_LOCK_LEVEL_ORDERED(20); ... };
 * Every lock operation the pass instruments on that object carries the level.
 * (clang's annotate attribute: without syncsan it is inert metadata.) */
#if defined(__clang__)
#define SYNCSAN_LOCK_LEVEL(n) __attribute__((annotate("syncsan.lock_level=" #n)))
#define SYNCSAN_LOCK_LEVEL_ORDERED(n)                                          \
  __attribute__((annotate("syncsan.lock_level_ordered=" #n)))
#else
#define SYNCSAN_LOCK_LEVEL(n)
#define SYNCSAN_LOCK_LEVEL_ORDERED(n)
#endif

/* ---- nesting of same-class locks ----
 * The calling thread's next acquisition of `lock` counts as subclass n of
 * its class, so nesting two locks of one class in a fixed role order (a
 * parent then a child, subclass 1) is a separate class in the lock-order
 * graph, as lockdep's mutex_lock_nested. Same-class nesting without the
 * annotation is checked by instance order (hand-over-hand over a list is
 * fine as long as no thread walks it the other way). */
void syncsan_lock_nested(void *lock, unsigned subclass) SYNCSAN_WEAK_;
#define syncsan_lock_nested(lock, subclass)                                    \
  (syncsan_lock_nested ? (syncsan_lock_nested)((void *)(lock), (subclass)) : (void)0)

/* ---- queues ----
 * C has no standard queue, so the program tells syncsan which of its
 * functions are queue operations, on their declarations:
 *
 *   struct bq *bq_new(unsigned cap) SYNCSAN_QUEUE("create handle=result capacity=arg0");
 *   int bq_push(struct bq *q, int v) SYNCSAN_QUEUE("push blocking ok=zero timed=bq_push_for");
 *   int bq_push_for(struct bq *q, int v, long ms);   (its timed form)
 *   int bq_pop(struct bq *q, int *v) SYNCSAN_QUEUE("pop blocking ok=zero");
 *   void bq_close(struct bq *q) SYNCSAN_QUEUE("close");
 *   void bq_free(struct bq *q) SYNCSAN_QUEUE("destroy");
 *
 * The string is a role (create, push, pop, close, destroy) and keys:
 *   handle=N        the queue is parameter N (from 0; the default is 0),
 *   handle=result   or the result (create)
 *   capacity=argN   create: parameter N holds the capacity
 *   capacity=N      create: the capacity is N
 *   blocking        push waits while full, pop while empty (default: not)
 *   ok=K            how the result says it took effect: always, nonzero,
 *                   zero, nonnull, nonneg (required for a push or pop
 *                   with a result)
 *   strict_close    pop: a pop of a closed, drained queue is a bug
 *   timed=NAME      a blocking op's timed form: the same parameters and a
 *                   trailing timeout in milliseconds, the same result, and
 *                   failure (per ok=) on timeout; stall recovery uses it
 * A spec file (syncsan-cc -fsyncsan-queue-spec=FILE, or
 * SYNCSAN_QUEUE_SPEC=FILE) says the same for functions the program cannot
 * annotate, one per line: "push lib_queue_put handle=0 blocking ok=zero".
 * Without syncsan the annotation is inert (clang's annotate attribute). */
#if defined(__clang__)
#define SYNCSAN_QUEUE(spec) __attribute__((annotate("syncsan.queue " spec)))
#else
#define SYNCSAN_QUEUE(spec)
#endif

/* Names a queue in reports and metrics (the first 31 bytes are kept), and
 * declares its capacity when its create function cannot say it (0: not
 * bounded, or unknown). Either may come before the queue's first
 * operation. */
void syncsan_queue_set_name(const void *queue, const char *name) SYNCSAN_WEAK_;
#define syncsan_queue_set_name(queue, name)                                    \
  (syncsan_queue_set_name ? (syncsan_queue_set_name)((const void *)(queue), (name)) : (void)0)
void syncsan_queue_set_capacity(const void *queue, unsigned long capacity) SYNCSAN_WEAK_;
#define syncsan_queue_set_capacity(queue, capacity)                            \
  (syncsan_queue_set_capacity                                                  \
       ? (syncsan_queue_set_capacity)((const void *)(queue), (capacity))       \
       : (void)0)

/* What happens when a push or pop on the queue stalls (queue-stall): a
 * stall listener's answer, else the policy's stall_action, else the
 * queue_stall_action option (report). The same stalled call is asked
 * again every stall period while it keeps waiting, and reported once. */
enum syncsan_queue_action {
  SYNCSAN_QUEUE_REPORT = 0, /* report it and keep waiting (the default) */
  SYNCSAN_QUEUE_FAIL = 1,   /* report it and make the operation fail the way its
                               declaration says it fails (needs timed=) */
  SYNCSAN_QUEUE_ABORT = 2,  /* report it and end the process (exitcode) */
  SYNCSAN_QUEUE_WAIT = 3    /* keep waiting, with no report (a listener that
                               deals with the stall itself) */
};

/* Per-queue rules; a zero field means "no rule" (stall_ms 0: the
 * queue_stall_ms option). Also from the queue_policy= file of
 * SYNCSAN_OPTIONS, matching queues by name or creation site. */
struct syncsan_queue_policy {
  double max_occupancy;          /* of the capacity, 0..1: queue-backpressure when
                                    exceeded for occupancy_window_ms */
  unsigned occupancy_window_ms;  /* 0: 1000 */
  unsigned long p99_latency_us;  /* target for the sampled p99 enqueue-to-dequeue
                                    time: queue-latency when exceeded */
  unsigned stall_ms;             /* a push or pop blocked (or retrying) this long stalls */
  int stall_action;              /* enum syncsan_queue_action */
};
/* 0, or -1 for a NULL queue or policy. */
int syncsan_queue_set_policy(const void *queue, const struct syncsan_queue_policy *policy)
    SYNCSAN_WEAK_;
#define syncsan_queue_set_policy(queue, policy)                                \
  (syncsan_queue_set_policy ? (syncsan_queue_set_policy)((const void *)(queue), (policy)) : -1)

/* A stall, as a listener sees it. */
struct syncsan_queue_stall {
  const void *queue;
  const char *name;          /* the queue's name, or its creation site */
  int push;                  /* 1: a push stalls (full), 0: a pop (empty) */
  unsigned thread;           /* the stalled thread, T<n> in reports */
  const char *function;      /* the stalled call's function and source position */
  const char *file;
  unsigned line;
  unsigned long waited_ms;
  unsigned long occupancy;   /* items in the queue, as syncsan counts them */
  unsigned long capacity;    /* 0: unknown */
  int other_side_alive;      /* a thread that popped (for a push) or pushed (for a
                                pop) this queue is still alive */
};
/* A listener returns the action for this stall (SYNCSAN_QUEUE_FAIL,
 * _ABORT, _WAIT), or SYNCSAN_QUEUE_REPORT for no opinion. It runs on the stalled thread
 * when the operation has a timed form, else on syncsan's monitor thread;
 * it must not operate on the stalled queue. Listeners are asked in the
 * order they were registered; the first that does not answer
 * SYNCSAN_QUEUE_REPORT decides. */
typedef int (*syncsan_queue_stall_fn)(const struct syncsan_queue_stall *stall, void *arg);
/* 0, or -1 when the table of listeners (8) is full or fn is NULL. */
int syncsan_queue_on_stall(syncsan_queue_stall_fn fn, void *arg) SYNCSAN_WEAK_;
#define syncsan_queue_on_stall(fn, arg)                                        \
  (syncsan_queue_on_stall ? (syncsan_queue_on_stall)((fn), (arg)) : -1)

/* A queue's figures since it was created. */
struct syncsan_queue_metrics {
  unsigned long long pushes, pops;               /* that took effect */
  unsigned long long failed_pushes, failed_pops; /* full, empty, timed out */
  unsigned long long stalls;
  unsigned long long occupancy, occupancy_max;   /* items now, and the most seen */
  double occupancy_mean;                         /* over sampled operations */
  unsigned long long capacity;                   /* 0: unknown */
  double throughput;                             /* pops per second since creation */
  unsigned long long push_blocked_ns, pop_blocked_ns; /* time spent in blocking calls */
  unsigned long long latency_samples;            /* sampled enqueue-to-dequeue times */
  unsigned long long latency_p50_ns, latency_p99_ns;
};
/* 0, or -1 when syncsan knows no such queue (or is not linked in). */
int syncsan_queue_metrics(const void *queue, struct syncsan_queue_metrics *out) SYNCSAN_WEAK_;
#define syncsan_queue_metrics(queue, out)                                      \
  (syncsan_queue_metrics ? (syncsan_queue_metrics)((const void *)(queue), (out)) : -1)

/* ---- NUMA and containers: topology and context ----
 * What the machine and the container allow this process: hwloc's view of
 * the machine (loaded at the first call; HWLOC_SYNTHETIC and HWLOC_XMLFILE
 * are honoured), the CPUs the process may run on (affinity and cgroup
 * cpuset), the cgroup v2 CPU quota (cpu.max) and memory limit
 * (memory.max), and pressure stall information (PSI). docs/numa.md. */

/* Nodes described node by node below; a machine with more nodes has its
 * first SYNCSAN_TOPOLOGY_MAX_NODES listed (`nodes` still counts all). */
#define SYNCSAN_TOPOLOGY_MAX_NODES 16
struct syncsan_topology {
  unsigned packages, nodes, cores, pus; /* the machine, as hwloc sees it */
  unsigned allowed_cpus;                /* CPUs this process may run on */
  unsigned cpu_quota_milli;             /* cgroup CPU quota in 1/1000 CPU; 0: none */
  double cpu_quota;                     /* the same in CPUs (1.5); 0: none */
  unsigned long long memory_limit;      /* cgroup memory.max in bytes; 0: none */
  int this_system;                      /* the topology is this machine's (binding works) */
  unsigned nodes_listed;                /* entries of the arrays below */
  int node_os[SYNCSAN_TOPOLOGY_MAX_NODES];            /* the kernel's node number */
  unsigned node_cpus[SYNCSAN_TOPOLOGY_MAX_NODES];     /* CPUs of the node */
  unsigned node_allowed_cpus[SYNCSAN_TOPOLOGY_MAX_NODES]; /* of them, allowed */
  /* Relative distances (10: local), [i][j] from node i to node j; all 0
   * when the machine gives none. */
  unsigned char distance[SYNCSAN_TOPOLOGY_MAX_NODES][SYNCSAN_TOPOLOGY_MAX_NODES];
};
/* 0, or -1 when hwloc could not be loaded (or syncsan is not linked in);
 * with -1 the CPU, quota and memory fields are still filled when known
 * and the machine fields are 0. */
int syncsan_topology(struct syncsan_topology *out) SYNCSAN_WEAK_;
#define syncsan_topology(out) (syncsan_topology ? (syncsan_topology)(out) : -1)

/* A worker-pool size: `base` (0: as many as the CPUs allow) capped by the
 * allowed CPUs and by the CPU quota rounded down (at least 1), then raised
 * to the next multiple of the nodes that hold allowed CPUs when it is at
 * least that many nodes and the cap allows it. Without syncsan: base, or
 * 1 for base 0. */
unsigned syncsan_recommended_workers(unsigned base) SYNCSAN_WEAK_;
#define syncsan_recommended_workers(base)                                      \
  (syncsan_recommended_workers ? (syncsan_recommended_workers)(base)           \
                               : ((base) ? (unsigned)(base) : 1u))

/* Pressure levels: none, some (some tasks stalled for at least
 * pressure_some_pct of the last 10 s), full (all tasks stalled for at
 * least pressure_full_pct of it). */
enum { SYNCSAN_PRESSURE_NONE = 0, SYNCSAN_PRESSURE_SOME = 1, SYNCSAN_PRESSURE_FULL = 2 };
enum { SYNCSAN_RESOURCE_CPU = 0, SYNCSAN_RESOURCE_MEMORY = 1, SYNCSAN_RESOURCE_IO = 2 };
struct syncsan_pressure_avgs {
  double avg10, avg60, avg300; /* percent of wall time over 10, 60, 300 s */
  unsigned long long total_us; /* total stall time */
};
struct syncsan_pressure_resource {
  int available; /* 0: no PSI file for this resource (all else 0) */
  int level;     /* SYNCSAN_PRESSURE_* */
  struct syncsan_pressure_avgs some, full;
};
struct syncsan_pressure {
  struct syncsan_pressure_resource cpu, memory, io;
  int level; /* the highest of the three */
};
/* 0, or -1 when no resource has PSI (or syncsan is not linked in). */
int syncsan_pressure(struct syncsan_pressure *out) SYNCSAN_WEAK_;
#define syncsan_pressure(out) (syncsan_pressure ? (syncsan_pressure)(out) : -1)

/* Called on syncsan's monitor thread when `resource` (SYNCSAN_RESOURCE_*)
 * reaches the handler's level from below (level = the new level), and
 * once when it falls back below it (level = the new, lower level). Must
 * not block for long: every periodic check waits for it. */
typedef void (*syncsan_pressure_fn)(int resource, int level,
                                    const struct syncsan_pressure *now, void *arg);
/* level: SYNCSAN_PRESSURE_SOME or _FULL. 0, or -1 for a bad level, a NULL
 * handler, a full table (8), or pressure watching off (pressure_poll_ms=0). */
int syncsan_on_pressure(int level, syncsan_pressure_fn fn, void *arg) SYNCSAN_WEAK_;
#define syncsan_on_pressure(level, fn, arg)                                    \
  (syncsan_on_pressure ? (syncsan_on_pressure)((level), (fn), (arg)) : -1)

/* ---- NUMA: placement and pools ----
 *
 * Thread placement is an option (SYNCSAN_OPTIONS=numa_policy=compact,
 * scatter or a policy file; docs/numa.md); these calls are for memory.
 * Nodes are numbered by their OS index, as libnuma and numactl do. */

/* Registers [ptr, ptr + size) as a pool for node and binds its pages to
 * the node (pages not yet touched go there; hwloc_set_area_membind).
 * Returns 0 when bound and registered; 1 when registered but the kernel
 * refused the binding (a warning says why; the pool keeps its intended
 * node, and numa-pool-misplaced reports pages found elsewhere); -1 with
 * errno: EINVAL (NULL, size 0, a node the topology does not have), ENOSPC
 * (256 pools), ENOSYS (no hwloc). A range that overlaps registered pools
 * replaces them (memory unmapped and mapped again is registered anew).
 * syncsan_numa_pool(ptr, 0, -1) drops the pool that holds ptr (0, or -1
 * with ENOENT). */
int syncsan_numa_pool(void *ptr, __SIZE_TYPE__ size, int node) SYNCSAN_WEAK_;
#define syncsan_numa_pool(ptr, size, node)                                     \
  (syncsan_numa_pool ? (syncsan_numa_pool)((void *)(ptr), (size), (node)) : -1)

/* For a pool allocation function: evaluates expr (the allocation, which
 * returns a pointer to size bytes for node), registers the result as a
 * pool for node when it is not NULL, and yields it:
 *   struct slab *s = SYNCSAN_NUMA_POOL_ALLOC(slab_alloc(n, node), n, node);
 * The registration's site in reports is this line. */
#define SYNCSAN_NUMA_POOL_ALLOC(expr, size, node)                              \
  __extension__({                                                              \
    void *syncsan_p_ = (void *)(expr);                                         \
    if (syncsan_p_)                                                            \
      (void)syncsan_numa_pool(syncsan_p_, (size), (node));                     \
    syncsan_p_;                                                                \
  })

/* Moves the pages of [ptr, ptr + size) to node (move_pages). Returns how
 * many of the range's pages are on node afterwards (moved, or there
 * already); pages never touched have no location and are not counted.
 * Pages the kernel would not move are counted out and named in a warning.
 * -1 with errno when the kernel refused the whole move (ENODEV: no such
 * node with memory) or NUMA page calls are unavailable (ENOSYS). A
 * registered pool that lies inside the range moves to node with it. */
long syncsan_numa_migrate(void *ptr, __SIZE_TYPE__ size, int node) SYNCSAN_WEAK_;
#define syncsan_numa_migrate(ptr, size, node)                                  \
  (syncsan_numa_migrate ? (syncsan_numa_migrate)((void *)(ptr), (size), (node)) : -1L)

#ifdef __cplusplus
}
#endif

#endif /* SYNCSAN_SYNCSAN_H */
