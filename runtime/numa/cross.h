/* Cross-node accounting (numa_cross_node=1, check numa-cross-node): lock
 * acquisitions and queue pushes and pops on objects of a registered memory
 * pool (their home node: ss_numa_home_of), counted per site and per
 * (thread node, object node) pair, where the thread's node is the node of
 * the CPU it runs on at the operation (sched_getcpu: the vDSO, no system
 * call).
 *
 * Counts go to the operating thread's own table (no shared write per
 * operation), bounded; a thread's table is merged into the process's at
 * its exit, and every live thread's at process exit, which prints the exit
 * table and the warnings (cross_report.c). Atomics are not counted: the
 * pass checks them in line, with no hook to count in. */
#ifndef SYNCSAN_NUMA_CROSS_H
#define SYNCSAN_NUMA_CROSS_H
#include "core/thread.h"

/* Slots of a thread's table and of the process's merged table. */
#define SS_CROSS_THREAD_SLOTS 512
#define SS_CROSS_SLOTS 4096
/* Threads whose tables can exist at once (a table is reused after its
 * thread's exit). */
#define SS_CROSS_TABLES 256

/* One (site, operation, thread node, object node) and how many times. */
struct ss_cross_entry {
  const struct syncsan_site *site; /* NULL: free slot */
  uint64_t count;
  uint16_t tnode, onode; /* OS node indices */
  uint8_t op;            /* enum ss_access_op */
};

/* Start-up (numa_cross_node=1 only): sets the access observer
 * (core/access.h). */
SS_HIDDEN void ss_cross_init(void);
SS_HIDDEN void ss_cross_thread_exit(struct ss_thread *t, int process_exit);
SS_HIDDEN void ss_cross_fork_child(void);
/* Process exit: every live thread's table merged into the process's one;
 * returns the merged entries (n into *n) and the counts lost to full
 * tables into *lost. Exit only, one thread. */
SS_HIDDEN const struct ss_cross_entry *ss_cross_collect(unsigned *n, uint64_t *lost);
/* The exit table and the warnings (cross_report.c). */
SS_HIDDEN void ss_cross_finish(void);
#endif
