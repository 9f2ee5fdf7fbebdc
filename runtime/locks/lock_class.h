/* Lock classes: what the lock-order graph and lock levels are about.
 *
 * A lock's class is its global symbol (an element of a global array: the
 * symbol and the element, until the array shows itself one collection,
 * lock_array.h), else the site of its *_init call (inside a lock wrapper:
 * with the first frame above the wrappers, ss_class_init_pc),
 * else (never initialised by a call: a zero-initialised lock in a heap
 * object, the common C idiom) the site of its first acquisition, which the
 * pass's static site record makes the same for every object locked there
 * first, as lockdep keys a dynamic lock by its init site; the address only
 * when there is no site either. With lock_order_by_instance=1 every lock is
 * its own class. An order learned on one pair of objects thus covers every
 * pair of the same classes, and the number of classes does not grow with
 * the number of objects. A
 * subclass (syncsan_lock_nested) is a separate class of the graph, and
 * same-class nesting is ordered by instance nodes. */
#ifndef SYNCSAN_LOCK_CLASS_H
#define SYNCSAN_LOCK_CLASS_H
#include "lock_table.h"
#include "lockop.h"

enum ss_node_kind {
  SS_NODE_GLOBAL,   /* keyed by global symbol */
  SS_NODE_SITE,     /* keyed by init site */
  SS_NODE_ADDR,     /* keyed by address (by-instance mode, or no site known) */
  SS_NODE_SUBCLASS, /* (class, subclass) from syncsan_lock_nested */
  SS_NODE_INSTANCE, /* one lock instance, for same-class nesting */
  SS_NODE_USE_SITE  /* keyed by first-acquisition site (no init call seen) */
};

/* A node of the lock-order graph: a class, a subclass or an instance. */
struct ss_node {
  uint64_t key;
  struct ss_node *hash_next;
  struct ss_edge *out; /* out-edges (guarded by the graph lock) */
  struct ss_edge *in;  /* in-edges (guarded by the graph lock) */
  /* INSTANCE: the next instance node of the same lock incarnation (see
   * ss_lock_push_instance); a free node: the next free one. */
  uint32_t inst_next;
  uint32_t id;
  uint16_t kind;   /* enum ss_node_kind */
  uint16_t kind_of_lock;
  uint32_t parent; /* SUBCLASS/INSTANCE: the base class node */
  uint32_t subclass;
  const char *name;                     /* GLOBAL: the symbol */
  uint32_t name_off;                    /* GLOBAL: the lock's offset in it */
  /* GLOBAL, an element of a global array (lock_array.h): its index + 1, the
   * array's key, and once the array is a collection, the collection's node
   * (written under the graph lock, read atomically). A collection node:
   * elem 0, array_key set; dead once its evidence was withdrawn. */
  uint32_t elem;
  uint64_t array_key;
  uint32_t coll;
  uint32_t dead;
  /* A class whose locks nest in each other at a lock layer's site
   * (lock_sites.h): it holds locks of more than one role (sqlite's every
   * FAST mutex, made by one allocator), so an order between it and
   * another class says little about any two of its locks. Its edges are
   * also learned between instances, and a cycle through it is reported
   * only when its instances close one (lock_graph.c). Set once, under the
   * graph lock; read atomically. */
  uint32_t mixed;
  /* The address order in which this class's locks have nested in each
   * other so far (locks.c, nesting_in_order): SS_INST_ORDER_*. Written at
   * most twice, read atomically. While it holds, the instance edges it
   * recorded (at most SS_ORDERED_INSTANCE_EDGES; under the graph lock,
   * read atomically). */
  uint32_t inst_order;
  uint32_t inst_edges;
  /* A mixed class whose instances have an edge to or from another class's
   * instance: from then on a path through other classes can join two of
   * its instances, so its in-order nestings are searched as any mixed
   * class's are (lock_graph.c). Set once, under the graph lock; read
   * atomically. */
  uint32_t inst_cross;
  const struct syncsan_site *init_site; /* SITE: the init call; USE_SITE: the first acquire */
  uintptr_t init_pc;                    /* SITE inside a wrapper: the first user frame */
  uintptr_t addr;                       /* ADDR/INSTANCE: the lock */
  uint32_t lock_id;                     /* ADDR/INSTANCE: "M<id>" */
  int32_t level;                        /* declared class level; 0 none */
  uint32_t ordered;                     /* that level is an ordered group */
  /* Depth-first search marks (guarded by the graph lock). */
  uint32_t visit_epoch[2];
  uint32_t from_edge_idx[2];
  struct ss_edge *from_edge[2];
};

enum { SS_INST_ORDER_UNKNOWN, SS_INST_ORDER_UP, SS_INST_ORDER_DOWN, SS_INST_ORDER_NONE };
#define SS_ORDERED_INSTANCE_EDGES 1024u

/* What an acquisition resolves to: base class, level, validity token. */
struct ss_class_ref {
  uint32_t class_id; /* base class node; 0 when untracked */
  uint32_t gen;      /* lock record generation */
  int32_t level;
  uint32_t ordered;
};

/* The class of op->addr, through the thread's cache (fast) or the shared
 * tables (first sight, or after the record changed). */
/* The thread's class cache entry for addr while it is current (the lock's
 * epoch bucket unchanged since it was filled), else NULL. */
static SS_ALWAYS_INLINE const struct ss_class_cache_entry *ss_class_cached(
    const struct ss_lock_thread *t, uintptr_t addr) {
  const struct ss_class_cache_entry *e = &t->class_cache[ss_class_slot(addr)];
  if (SS_LIKELY(e->addr == addr && e->valid &&
                __atomic_load_n(ss_lock_epoch(addr), __ATOMIC_ACQUIRE) == e->epoch))
    return e;
  return NULL;
}

SS_HIDDEN void ss_class_resolve_slow(struct ss_lock_thread *t, const struct ss_lockop *op,
                                     struct ss_class_ref *out);
static SS_ALWAYS_INLINE void ss_class_resolve(struct ss_lock_thread *t, const struct ss_lockop *op,
                                              struct ss_class_ref *out) {
  const struct ss_class_cache_entry *e = ss_class_cached(t, op->addr);
  if (SS_LIKELY(e)) {
    /* Field by field: the compiler keeps them in registers. */
    out->class_id = e->class_id;
    out->gen = e->gen;
    out->level = e->level;
    out->ordered = (e->held_flags & SS_HELD_ORDERED) != 0;
    return;
  }
  SS_NOTE_HOOK_PC(); /* the slow path may report (lock-destroyed) */
  ss_class_resolve_slow(t, op, out);
}

/* The node of a subclass of base, or of one instance of base. 0 when full.
 * An instance node lives while its lock incarnation does: forgetting the
 * lock retires it (ss_graph_retire), and its id is reused. Only instance
 * nodes are reused: their ids appear in no thread's cache or held entry. */
SS_HIDDEN uint32_t ss_node_subclass(uint32_t base, uint32_t subclass);
SS_HIDDEN uint32_t ss_node_instance(uint32_t base, uintptr_t addr, uint32_t gen);
/* Frees instance node id (no edge left on it; the graph lock is held). */
SS_HIDDEN void ss_node_free(uint32_t id);
SS_HIDDEN extern struct ss_node *ss_nodes;
SS_HIDDEN extern uint32_t ss_nnodes;
/* The node of id, or NULL. In line: every nested acquisition asks. */
static inline struct ss_node *ss_node_get(uint32_t id) {
  return id && id <= __atomic_load_n(&ss_nnodes, __ATOMIC_ACQUIRE) ? &ss_nodes[id - 1] : NULL;
}
SS_HIDDEN uint32_t ss_node_count(void);

/* "'g_lock'", "init@file.c:12", "M3 (0x...)", "... /1", "... instance 0x..." */
SS_HIDDEN const char *ss_node_label(uint32_t id, char *buf, size_t n);
/* Names suppressions and level policies match: symbol, "file:line" (full
 * and base name), init function. Returns how many were stored (<= 4). */
SS_HIDDEN int ss_node_names(uint32_t id, const char *names[4], char storage[2][512]);

/* Init-stack classes. A lock initialised inside a lock wrapper (a site the
 * pass marked SYNCSAN_SITE_WRAPPER, a function the wrapper rule names, or
 * an interposed call from a wrapper) is classed by the init site and the
 * return address of the first frame above the wrappers: locks a lock layer
 * makes for different kinds of object get different classes. One frame,
 * not more: a kind made by one constructor called from many places stays
 * one class. The key is that frame's source place, symbolized once per
 * pc: copies of one constructor inlined in many places are one class (the
 * pc itself when symbolization is off). Returns that return address, and
 * its key in *key, or 0 (not in a wrapper, or no
 * stack: stack_depth=0). Captures a stack: once per init, never on an
 * acquire. `from` is a return address into the init hook: the capture
 * starts above it (core/stack.h), at the wrapper's frame. */
SS_HIDDEN uintptr_t ss_class_init_pc(const struct syncsan_site *site, uintptr_t from,
                                     uint64_t *key);

/* The live collection node of an element node, else 0. */
SS_HIDDEN uint32_t ss_node_collection(uint32_t id);
/* The node of the collection of array akey's elements at offset off (in
 * an element) named `name`; 0 when full. */
SS_HIDDEN uint32_t ss_node_collection_for(uint64_t akey, const char *name, uint32_t off);

SS_HIDDEN void ss_class_init(void);
#endif
