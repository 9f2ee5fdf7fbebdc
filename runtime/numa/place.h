/* Thread placement: the policy (numa_policy=), the decision for each
 * thread, its binding, and what the monitor reads of pinned threads.
 *
 * Cost when no policy is on (numa_policy=none, the default): the family's
 * thread_start is one load and a predictable branch; no topology is
 * loaded, hwloc is not opened, and no per-thread state is published. */
#ifndef SYNCSAN_PLACE_H
#define SYNCSAN_PLACE_H
#include "core/thread.h"
#include "numa/numa_topology.h"
#include "numa/place_rules.h"

enum ss_place_mode { SS_PLACE_OFF, SS_PLACE_MODE_COMPACT, SS_PLACE_MODE_SCATTER, SS_PLACE_MODE_FILE };

/* A thread's placement, published for the monitor. The owner writes it;
 * `gen` is odd while it does (a seqlock: the monitor rereads gen and drops
 * what it read if gen moved). */
struct ss_place_thread {
  uint32_t gen;
  int pinned;   /* bound to node's CPUs by the policy, and the kernel took it */
  int node;     /* logical index (numa_topology.h) */
  int ktid;     /* the kernel's thread id (gettid) */
  uint32_t tid; /* T<tid> */
  const struct ss_place_rule *rule; /* NULL: the keyword policy decided */
  int reported; /* numa-thread-migrated: written by the monitor only */
};

SS_HIDDEN extern enum ss_place_mode ss_place_mode; /* written at start-up */
SS_HIDDEN extern int ss_place_key;                 /* the ext key (thread.h) */
SS_HIDDEN extern struct ss_place_rules ss_place_rules;
SS_HIDDEN extern char ss_place_path[256];          /* the policy file, for reports */

/* Start-up: reads numa_policy; a bad value or file leaves the mode off
 * with a message naming what is wrong (the line, for a file). */
SS_HIDDEN void ss_place_init(void);
/* The topology, the first time checking the policy against it (the
 * policy may go off then, with a message); NULL when the policy is off. */
SS_HIDDEN const struct ss_topo *ss_place_prepare(void);
/* The node (logical index) thread tid goes to, -1 for none; the rule that
 * decided it (NULL: the keyword policy) into *rule. */
SS_HIDDEN int ss_place_decide(const struct ss_topo *t, uint32_t tid, const char *start,
                              const char *name, const struct ss_place_rule **rule);
/* The CPUs of node (logical) the process may use; NULL when none. */
SS_HIDDEN hwloc_const_bitmap_t ss_place_node_set(int node);
/* "numa_policy=compact" or "policy file p.txt:3 'name io* node 1'". */
SS_HIDDEN const char *ss_place_rule_text(const struct ss_place_rule *r, char *buf, size_t n);

SS_HIDDEN void ss_place_thread_start(struct ss_thread *t);
SS_HIDDEN void ss_place_thread_named(struct ss_thread *t, const char *name);
SS_HIDDEN void ss_place_thread_exit(struct ss_thread *t, int process_exit);
/* Threads pinned now (a hint for the monitor's tick). */
SS_HIDDEN unsigned ss_place_pinned(void);
/* The monitor's look for numa-thread-migrated (place_migrated.c). */
SS_HIDDEN void ss_place_migrated_tick(uint64_t now_ms);
#endif
