/* The lock-order graph: an edge A -> B means some thread acquired B while
 * holding A. A cycle means two or more threads can deadlock, even if they
 * did not in this run (lock-order-inversion).
 *
 * Concurrency: the graph is shared and guarded by one spinlock, but it is
 * touched only for chains of held classes a thread has not checked before
 * (see the chain cache in locks.c), so the lock is off the common path. */
#ifndef SYNCSAN_LOCK_GRAPH_H
#define SYNCSAN_LOCK_GRAPH_H
#include "lock_class.h"
#include "locks.h"

#define SS_MAX_GATES 4
#define SS_EDGE_TAKERS 4

struct ss_edge {
  struct ss_edge *next_out;  /* src's adjacency list */
  struct ss_edge *next_in;   /* dst's list of in-edges; the free list */
  struct ss_edge *hash_next; /* edge hash chain */
  uint32_t src, dst;         /* graph nodes */
  /* The locks of its first observation, to order their instances when a
   * class at one end turns out mixed (lock_class.h). */
  uintptr_t src_addr, dst_addr;
  uint32_t src_gen, dst_gen;
  uint32_t modes;            /* bit (hold_mode * 2 + acquire_mode) per combination seen */
  uint32_t tid;              /* the thread that first took it */
  const struct syncsan_site *src_site; /* where src was acquired */
  const struct syncsan_site *dst_site; /* where dst was acquired while holding src */
  uint32_t stack;                      /* ss_stack_id: the call stack above dst_site */
  uint32_t src_stack;                  /* ss_stack_id above src_site (held_stacks=1), or 0 */
  /* Lock instances held on every observation of this edge (other than src
   * and dst): a cycle whose edges all share one cannot deadlock. */
  uintptr_t gates[SS_MAX_GATES];
  uint32_t ngates;
  /* The threads that took it (edge_takers.h): SS_EDGE_TAKERS of them, or
   * ntakers > SS_EDGE_TAKERS for more. */
  uint32_t takers[SS_EDGE_TAKERS];
  uint8_t ntakers;
  /* A search left it out, or closed a cycle only through such an edge:
   * its next new taker searches again (edge_takers.h). */
  uint8_t recheck;
};

/* Learns edges held -> op's lock (node) for every held lock of another node,
 * and edges between instances for held locks of the same node, and reports
 * the cycles they close. Called before a blocking acquire whose chain the
 * thread has not checked before. `how`: SS_LEARN_SAME_CLASS_ONLY learns
 * only the instance edges (a known chain, a new pair of instances);
 * SS_LEARN_IN_ORDER records the same-class instance edge without a cycle
 * search, and only while the class has recorded fewer than
 * SS_ORDERED_INSTANCE_EDGES (its nestings all go one way in address order:
 * locks.c, nesting_in_order). */
#define SS_LEARN_SAME_CLASS_ONLY 1
#define SS_LEARN_IN_ORDER 2
SS_HIDDEN void ss_graph_learn(struct ss_lock_thread *t, const struct ss_lockop *op, uint32_t node,
                              uint32_t gen, int how);
/* Whether class node id is mixed (lock_class.h): its chains check each
 * new set of instances (locks.c). */
static inline int ss_graph_mixed(uint32_t id) {
  struct ss_node *n = ss_node_get(id);
  return n && __atomic_load_n(&n->mixed, __ATOMIC_ACQUIRE);
}
/* Whether mixed class id's instances have an edge with another class's:
 * until then, its instances nested in one address order cannot close a
 * cycle (locks.c, nesting_in_order). */
static inline int ss_graph_mixed_cross(uint32_t id) {
  struct ss_node *n = ss_node_get(id);
  return n && __atomic_load_n(&n->inst_cross, __ATOMIC_ACQUIRE);
}
/* Retires the instance nodes chained from `first` (ss_lock_forget's
 * result): their edges go, and their ids are reused. A lock that is gone
 * keeps no order, so the graph does not grow with the objects a program
 * allocates and frees. */
SS_HIDDEN void ss_graph_retire(uint32_t first);
/* A lock of class id was forgotten (destroyed, re-initialised, or its
 * memory freed). When the class stands for that one lock (a global's
 * symbol, or one element of a global array, and their subclasses), every
 * edge on it was taught by this lock, and an earlier incarnation's were
 * retired with it: they go now, so the re-created lock starts with no
 * order. A class of many locks (an init or use site: lockdep's classes)
 * keeps its edges, which say what the code does, not what one object did;
 * so does an array's collection. When edges went, ss_graph_flushes is
 * bumped: each thread empties its chain cache on its next class cache
 * miss (a re-created lock is one, by its epoch), so a chain it checked
 * before is learned again. */
SS_HIDDEN void ss_graph_retire_class(uint32_t id);
SS_HIDDEN extern uint32_t ss_graph_flushes;
/* Array akey became a collection (lock_array.h): its element nodes join
 * their collection nodes, which learn the elements' edges so far (and
 * report the cycles that closes). */
SS_HIDDEN void ss_graph_collect(uint64_t akey);
/* The collection of akey is withdrawn: its nodes lose their edges and
 * learn no more; the elements keep theirs. */
SS_HIDDEN void ss_graph_uncollect(uint64_t akey);
SS_HIDDEN void ss_graph_init(void);
#endif
