/* Which threads took a lock-order edge, and when an edge cannot take part
 * in a deadlock of the calling thread's because of them.
 *
 * An edge all of whose takers have exited, and whose lives happened before
 * the calling thread's present (it joined them, core/happens_before.h),
 * cannot overlap in time with the calling thread's acquisition: a cycle
 * the calling thread closes through it is no potential deadlock, and the
 * cycle search leaves such an edge out (memcached's shutdown joins its
 * maintenance thread, then takes the same locks in the other order).
 *
 * Both ends of that argument can change: the edge can be taken again by a
 * thread the closer never joined, and the closing edge by a thread that
 * never joined the edge's takers. So the search marks the edges it left
 * out and the closing edge (recheck), and a thread that takes a marked
 * edge for the first time searches from it again. Every thread's first
 * taking of an edge reaches the graph: its chain cache (locks.c) is its
 * own, so a chain it has not checked is a slow path however old the edge.
 * The hot path (a chain the thread has checked) is untouched. */
#ifndef SYNCSAN_EDGE_TAKERS_H
#define SYNCSAN_EDGE_TAKERS_H
#include "lock_graph.h"

/* Notes tid as a taker of e (the graph lock is held); returns whether it
 * may be a new one (it is, or e has more takers than it keeps). */
SS_HIDDEN int ss_edge_note_taker(struct ss_edge *e, uint32_t tid);
/* Copies from's takers onto to's (an edge learned onto other nodes). */
SS_HIDDEN void ss_edge_merge_takers(struct ss_edge *to, const struct ss_edge *from);
/* Whether every taker of e finished before the calling thread's present. */
SS_HIDDEN int ss_edge_finished_before(const struct ss_edge *e);
#endif
