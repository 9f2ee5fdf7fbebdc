/* Lock-order graph: edges, cycle search, inversion reports. */
#include "lock_graph.h"

#include <string.h>

#include "lock_flags.h"
#include "edge_takers.h"
#include "lock_class.h"
#include "lock_sites.h"
#include "lock_table.h"
#include "core/happens_before.h"
#include "core/report.h"

#define EDGE_HASH 65536u
#define EDGE_CHUNK 4096u
#define MAX_CYCLE 64      /* edges kept for a report; detection is unbounded */
#define MAX_CYCLES_PER_ACQUIRE 4

static ss_spin_t graph_lock SS_RUNTIME_LOCK;
static struct ss_edge **edge_hash; /* guarded by graph_lock */
static struct ss_edge *edge_chunk;
static uint32_t edge_chunk_used = EDGE_CHUNK, nedges;
static struct ss_edge *free_edges; /* retired, chained by next_in */
static uint32_t search_epoch;
static int edges_full_warned;

/* Depth-first search stack, sized for every (node, mode) pair. */
struct frame {
  uint32_t node;
  uint32_t mode;
  struct ss_edge *next;
};
static struct frame *stack;
static size_t stack_cap;

SS_HIDDEN void ss_graph_init(void) {
  edge_hash = ss_map(EDGE_HASH * sizeof(*edge_hash));
  stack_cap = (size_t)(ss_lock_flags.max_lock_classes > 0 ? ss_lock_flags.max_lock_classes : 1) * 2 + 2;
  stack = ss_map(stack_cap * sizeof(*stack));
}

static inline uint32_t edge_slot(uint32_t a, uint32_t b) {
  return (uint32_t)(((uint64_t)a * 0x9e3779b97f4a7c15ull ^ b * 0xc2b2ae3d27d4eb4full) >> 40) %
         EDGE_HASH;
}

static struct ss_edge *edge_find(uint32_t a, uint32_t b) {
  for (struct ss_edge *e = edge_hash[edge_slot(a, b)]; e; e = e->hash_next)
    if (e->src == a && e->dst == b)
      return e;
  return NULL;
}

static struct ss_edge *edge_new(uint32_t a, uint32_t b) {
  if (nedges >= (uint32_t)ss_lock_flags.max_lock_edges)
    return NULL;
  struct ss_edge *e = free_edges;
  if (e) {
    free_edges = e->next_in;
    memset(e, 0, sizeof(*e));
  } else {
    if (edge_chunk_used == EDGE_CHUNK) {
      edge_chunk = ss_map(EDGE_CHUNK * sizeof(struct ss_edge));
      if (!edge_chunk)
        return NULL;
      edge_chunk_used = 0;
    }
    e = &edge_chunk[edge_chunk_used++];
  }
  nedges++;
  e->src = a;
  e->dst = b;
  struct ss_node *n = ss_node_get(a);
  e->next_out = n->out;
  n->out = e;
  struct ss_node *d = ss_node_get(b);
  e->next_in = d->in;
  d->in = e;
  uint32_t s = edge_slot(a, b);
  e->hash_next = edge_hash[s];
  edge_hash[s] = e;
  return e;
}

/* Unlinks e from its source's out-list, its destination's in-list and the
 * edge hash, and frees it. */
static void edge_drop(struct ss_edge *e) {
  struct ss_edge **pp;
  for (pp = &ss_node_get(e->src)->out; *pp != e; pp = &(*pp)->next_out) {
  }
  *pp = e->next_out;
  for (pp = &ss_node_get(e->dst)->in; *pp != e; pp = &(*pp)->next_in) {
  }
  *pp = e->next_in;
  for (pp = &edge_hash[edge_slot(e->src, e->dst)]; *pp != e; pp = &(*pp)->hash_next) {
  }
  *pp = e->hash_next;
  e->next_in = free_edges;
  free_edges = e;
  nedges--;
}

/* Lock order: graph_lock, then node_lock (inside ss_node_free). The caller
 * holds no lock of the runtime's. */
SS_HIDDEN void ss_graph_retire(uint32_t first) {
  if (!edge_hash)
    return;
  ss_spin_lock(&graph_lock);
  for (uint32_t id = first; id && id != UINT32_MAX;) {
    struct ss_node *n = ss_node_get(id);
    if (!n || n->kind != SS_NODE_INSTANCE)
      break;
    uint32_t next = n->inst_next; /* ss_node_free reuses the link */
    while (n->out)
      edge_drop(n->out);
    while (n->in)
      edge_drop(n->in);
    ss_node_free(id);
    id = next;
  }
  ss_spin_unlock(&graph_lock);
}

SS_HIDDEN uint32_t ss_graph_flushes;

/* A class node that stands for one lock: a global (not a collection of an
 * array's elements, which is a class of many), or a subclass of one. */
static int one_lock_class(const struct ss_node *n) {
  if (n->kind == SS_NODE_SUBCLASS)
    n = ss_node_get(n->parent);
  return n && n->kind == SS_NODE_GLOBAL && (n->elem || !n->array_key);
}

static int drop_all_edges(struct ss_node *n) {
  int dropped = n->out || n->in;
  while (n->out)
    edge_drop(n->out);
  while (n->in)
    edge_drop(n->in);
  return dropped;
}

SS_HIDDEN void ss_graph_retire_class(uint32_t id) {
  struct ss_node *n = ss_node_get(id);
  if (!edge_hash || !n || n->kind != SS_NODE_GLOBAL || !one_lock_class(n))
    return;
  ss_spin_lock(&graph_lock);
  int dropped = drop_all_edges(n);
  /* Its subclasses (syncsan_lock_nested) are the same lock in a role. A
   * scan of every node: a global is destroyed rarely. */
  uint32_t count = ss_node_count();
  for (uint32_t i = 1; i <= count; i++) {
    struct ss_node *s = ss_node_get(i);
    if (s->kind == SS_NODE_SUBCLASS && s->parent == id)
      dropped |= drop_all_edges(s);
  }
  if (dropped)
    __atomic_fetch_add(&ss_graph_flushes, 1, __ATOMIC_RELEASE);
  ss_spin_unlock(&graph_lock);
}

/* Two acquisitions of one lock conflict unless both are shared. */
static inline int conflict(uint32_t a, uint32_t b) {
  return !(a == SS_MODE_READ && b == SS_MODE_READ);
}

/* One edge of a cycle, copied out of the graph for the report. */
struct cycle_edge {
  uint32_t src, dst, tid, hold_mode, acq_mode;
  const struct syncsan_site *src_site, *dst_site;
  ss_stack_id stack;     /* above dst_site */
  ss_stack_id src_stack; /* above src_site (held_stacks=1) */
  uintptr_t gates[SS_MAX_GATES];
  uint32_t ngates;
  /* When tid's life happened before the reporter's present (it joined
   * tid): another taker to name (ss_edge_other_taker), else SS_NO_TAKER. */
  uint32_t other;
};

struct cycle {
  struct cycle_edge e[MAX_CYCLE];
  uint32_t n;     /* edges kept */
  uint32_t total; /* edges in the cycle */
};

static void copy_edge(struct cycle_edge *c, const struct ss_edge *e, uint32_t hold,
                      uint32_t acq) {
  c->src = e->src;
  c->dst = e->dst;
  c->tid = e->tid;
  c->hold_mode = hold;
  c->acq_mode = acq;
  c->src_site = e->src_site;
  c->dst_site = e->dst_site;
  c->stack = e->stack;
  c->src_stack = e->src_stack;
  c->ngates = e->ngates;
  memcpy(c->gates, e->gates, sizeof(c->gates));
  c->other = ss_hb_finished_before(e->tid) ? ss_edge_other_taker(e) : SS_NO_TAKER;
}

/* Searches a path dst ~> src that closes a cycle with the new combination
 * (hold, acq) of edge src -> dst. The search state is (node, the mode in
 * which the previous thread wants that node): an edge Y -> Z whose thread
 * holds Y in mode h continues the path only if h conflicts with it. */
static inline int is_mixed(uint32_t id) { return ss_graph_mixed(id); }

/* Whether mixed class id's instances have an edge with another class's
 * (struct ss_node.inst_cross). */
static inline int has_cross(uint32_t id) { return ss_graph_mixed_cross(id); }

/* Under the graph lock. */
static void mark_cross(uint32_t id) {
  struct ss_node *n = ss_node_get(id);
  if (n && __atomic_load_n(&n->mixed, __ATOMIC_RELAXED) && !n->inst_cross)
    __atomic_store_n(&n->inst_cross, 1, __ATOMIC_RELEASE);
}

/* `by_self`: the calling thread closes it, and an edge whose takers all
 * finished before its present is no step (edge_takers.h). */
static int find_cycle(struct ss_edge *closing, uint32_t hold, uint32_t acq, struct cycle *out,
                      int by_self) {
  /* A mixed class is no step of a class-level cycle: its instances carry
   * its order. */
  if (is_mixed(closing->src) || is_mixed(closing->dst))
    return 0;
  int joined_any = by_self && ss_hb_any();
  uint32_t epoch = ++search_epoch;
  size_t sp = 0;
  struct ss_node *start = ss_node_get(closing->dst);
  start->visit_epoch[acq] = epoch;
  start->from_edge[acq] = NULL;
  stack[sp++] = (struct frame){closing->dst, acq, start->out};
  while (sp) {
    struct frame *f = &stack[sp - 1];
    struct ss_edge *e = f->next;
    if (!e) {
      sp--;
      continue;
    }
    f->next = e->next_out;
    if (joined_any && ss_edge_finished_before(e)) {
      e->recheck = 1;
      closing->recheck = 1;
      continue;
    }
    for (uint32_t combo = 0; combo < 4; combo++) {
      if (!(e->modes & (1u << combo)))
        continue;
      uint32_t h = combo >> 1, a = combo & 1;
      if (!conflict(f->mode, h))
        continue;
      struct ss_node *z = ss_node_get(e->dst);
      if (__atomic_load_n(&z->mixed, __ATOMIC_ACQUIRE))
        break;
      if (e->dst == closing->src && conflict(a, hold)) {
        /* Found: walk back through from_edge links. */
        /* Static, not on the stack (6 KB; a program may give its threads
         * 16 KB): the search runs under the graph lock. */
        static struct cycle_edge path[MAX_CYCLE];
        uint32_t n = 0, total = 1;
        if (n < MAX_CYCLE)
          copy_edge(&path[n++], e, h, a);
        uint32_t node = f->node, mode = f->mode;
        while (node != closing->dst || mode != acq) {
          struct ss_node *nd = ss_node_get(node);
          struct ss_edge *pe = nd->from_edge[mode];
          uint32_t pidx = nd->from_edge_idx[mode];
          if (!pe)
            break;
          total++;
          if (n < MAX_CYCLE)
            copy_edge(&path[n++], pe, pidx >> 1, pidx & 1);
          node = pe->src;
          mode = (pidx >> 2) & 1;
        }
        /* The closing edge first, then the path in order dst ~> src. */
        copy_edge(&out->e[0], closing, hold, acq);
        out->n = 1;
        for (uint32_t i = n; i-- > 0 && out->n < MAX_CYCLE;)
          out->e[out->n++] = path[i];
        out->total = total + 1;
        return 1;
      }
      if (z->visit_epoch[a] == epoch)
        continue;
      z->visit_epoch[a] = epoch;
      z->from_edge[a] = e;
      z->from_edge_idx[a] = combo | (f->mode << 2);
      if (sp < stack_cap)
        stack[sp++] = (struct frame){e->dst, a, z->out};
      break;
    }
  }
  return 0;
}

/* A cycle all of whose edges were taken while one lock instance was held
 * cannot deadlock: that lock serialises them. */
static int gated(const struct cycle *c) {
  if (c->n < c->total)
    return 0;
  for (uint32_t g = 0; g < c->e[0].ngates; g++) {
    uintptr_t gate = c->e[0].gates[g];
    int all = 1;
    for (uint32_t i = 1; i < c->n && all; i++) {
      int found = 0;
      for (uint32_t k = 0; k < c->e[i].ngates; k++)
        found |= c->e[i].gates[k] == gate;
      all = found;
    }
    if (all)
      return 1;
  }
  return 0;
}

static uint64_t cycle_key(const struct cycle *c) {
  /* Order-independent: the same cycle found from another edge is the same.
   * By node keys, not ids: a retired instance's id names another lock
   * later, and that one's cycle is another report. */
  uint64_t sum = 0, x = 0;
  for (uint32_t i = 0; i < c->n; i++) {
    uint64_t h = ss_node_get(c->e[i].src)->key * 0x9e3779b97f4a7c15ull ^
                 ss_node_get(c->e[i].dst)->key;
    sum += h;
    x ^= h * 0xff51afd7ed558ccdull;
  }
  return sum ^ (x << 1) ^ c->total;
}

/* ---- the report ---- */

static const char *mode_verb(uint32_t mode) { return mode == SS_MODE_READ ? "rdlock" : "lock"; }

static void scenario(struct ss_report *r, const struct cycle *c) {
  /* lockdep's "possible unsafe locking scenario", one column per edge: each
   * thread first takes the lock it holds, then each waits for the next. */
  enum { COL = 30 };
  uint32_t n = c->n;
  if (c->n < c->total || n > 4)
    return;
  char label[200], cell[240];
  ss_buf_printf(&r->notes, "  Possible unsafe locking scenario:\n\n");
  ss_buf_printf(&r->notes, "      ");
  for (uint32_t i = 0; i < n; i++) {
    ss_format(cell, sizeof(cell), "Thread %u (as T%u)", i + 1, c->e[i].tid);
    ss_buf_printf(&r->notes, "%-*s", i + 1 < n ? COL : 0, cell);
  }
  ss_buf_printf(&r->notes, "\n      ");
  for (uint32_t i = 0; i < n; i++)
    ss_buf_printf(&r->notes, "%-*s", i + 1 < n ? COL : 0, "----");
  ss_buf_printf(&r->notes, "\n");
  for (uint32_t k = 0; k < 2 * n; k++) {
    uint32_t i = k < n ? k : 2 * n - 1 - k; /* take in order, wait in reverse */
    const struct cycle_edge *e = &c->e[i];
    uint32_t node = k < n ? e->src : e->dst;
    uint32_t mode = k < n ? e->hold_mode : e->acq_mode;
    ss_format(cell, sizeof(cell), "%s(%s);", mode_verb(mode),
              ss_node_label(node, label, sizeof(label)));
    ss_buf_printf(&r->notes, "      %*s%s\n", (int)(COL * i), "", cell);
  }
  ss_buf_printf(&r->notes, "\n   *** DEADLOCK ***\n");
}

static void report_cycle(struct ss_lock_thread *t, const struct ss_lockop *op, const struct cycle *c) {
  const char *names[9];
  /* Under the graph lock, like the cycle: static, not 8 KB of the stack of
   * a thread that may have 16 KB. */
  static char storage[8][2][512];
  int nn = 0;
  for (uint32_t i = 0; i < c->n && nn < 6; i++)
    nn += ss_node_names(c->e[i].src, names + nn, storage[i]) > 0 ? 1 : 0;
  names[nn] = NULL;
  struct ss_report *r = ss_report_begin_names("lock-order-inversion", SS_SEV_ERROR, op->site,
                                              names, cycle_key(c), 0);
  if (!r)
    return;
  char head[400], label[200];
  struct ss_buf hb = {head, sizeof(head), 0};
  head[0] = 0;
  for (uint32_t i = 0; i < c->n; i++)
    ss_buf_printf(&hb, "%s -> ", ss_node_label(c->e[i].src, label, sizeof(label)));
  if (c->n < c->total)
    ss_buf_printf(&hb, "... (%u more) -> ", c->total - c->n);
  ss_buf_printf(&hb, "%s", ss_node_label(c->e[0].src, label, sizeof(label)));
  ss_report_headline(r, "lock order cycle of %u locks (potential deadlock): %s", c->total,
                     head);
  for (uint32_t i = 0; i < c->n; i++) {
    const struct cycle_edge *e = &c->e[i];
    char a[200], b[200];
    ss_node_label(e->src, a, sizeof(a));
    ss_node_label(e->dst, b, sizeof(b));
    if (i == 0)
      ss_report_section_stack(r, e->dst_site, e->stack,
                              "Thread T%u acquires %s while holding %s (this closes the cycle)",
                              e->tid, b, a);
    else if (e->other == SS_NO_TAKER)
      ss_report_section_stack(r, e->dst_site, e->stack, "Thread T%u acquired %s while holding %s",
                              e->tid, b, a);
    else if (e->other == SS_MANY_TAKERS)
      ss_report_section_stack(r, e->dst_site, e->stack,
                              "Thread T%u acquired %s while holding %s (T%u was joined since; "
                              "other threads took it too)",
                              e->tid, b, a, e->tid);
    else
      ss_report_section_stack(r, e->dst_site, e->stack,
                              "Thread T%u acquired %s while holding %s (T%u was joined since; "
                              "T%u took it too)",
                              e->tid, b, a, e->tid, e->other);
    ss_report_section_stack(r, e->src_site, e->src_stack, "%s was acquired by T%u before, at", a,
                            e->tid);
    ss_report_thread(r, e->tid);
  }
  scenario(r, c);
  (void)t;
  ss_report_end(r);
}

/* ---- learning ---- */

static void set_gates(struct ss_edge *e, int fresh, struct ss_lock_thread *t, uintptr_t src_addr,
                      uintptr_t dst_addr) {
  uintptr_t now[SS_MAX_GATES];
  uint32_t n = 0;
  uint32_t held = t->nheld;
  for (uint32_t i = 0; i < held && n < SS_MAX_GATES; i++) {
    uintptr_t a = t->held[i].addr;
    if (a != src_addr && a != dst_addr)
      now[n++] = a;
  }
  if (fresh) {
    memcpy(e->gates, now, n * sizeof(now[0]));
    e->ngates = n;
    return;
  }
  uint32_t k = 0;
  for (uint32_t i = 0; i < e->ngates; i++)
    for (uint32_t j = 0; j < n; j++)
      if (e->gates[i] == now[j]) {
        e->gates[k++] = e->gates[i];
        break;
      }
  e->ngates = k;
}

/* The call stack of the acquisition that learns edges, captured once per
 * ss_graph_learn and only if it learns one: an edge is new rarely, and its
 * stack is what a cycle report prints for it. */
struct here {
  const struct ss_lockop *op;
  ss_stack_id id;
  int taken;
};

static ss_stack_id here_stack(struct here *h) {
  if (!h->taken) {
    h->id = ss_stack_capture_site(h->op->site, ss_self.hook_pc);
    h->taken = 1;
  }
  return h->id;
}

/* Adds (or extends) edge src -> dst; returns it when it gained a mode
 * combination, i.e. when a new cycle may have closed. */
static struct ss_edge *learn_edge(struct ss_lock_thread *t, const struct ss_held *h,
                                  const struct ss_lockop *op, uint32_t src, uint32_t dst,
                                  uint32_t combo, struct here *here) {
  struct ss_edge *e = edge_find(src, dst);
  int fresh = 0;
  if (!e) {
    e = edge_new(src, dst);
    if (!e) {
      ss_warn_once(&edges_full_warned,
                   "more than max_lock_edges=%ld lock-order edges; the graph stops "
                   "learning new ones (raise max_lock_edges)\n",
                   ss_lock_flags.max_lock_edges);
      return NULL;
    }
    e->tid = t->tid;
    e->src_site = h->site;
    e->src_stack = ss_held_stack(h);
    e->dst_site = op->site;
    e->src_addr = h->addr;
    e->src_gen = h->lock_gen;
    e->dst_addr = op->addr;
    e->dst_gen = op->gen;
    e->stack = here_stack(here);
    fresh = 1;
  }
  int new_taker = ss_edge_note_taker(e, t->tid);
  set_gates(e, fresh, t, h->addr, op->addr);
  if (!fresh && new_taker && e->recheck) {
    /* A search left it out because of its takers so far: this one is the
     * thread a report would name now (theirs were joined). */
    e->tid = t->tid;
    e->src_site = h->site;
    e->src_stack = ss_held_stack(h);
    e->dst_site = op->site;
    e->stack = here_stack(here);
    e->modes |= 1u << combo;
    return e;
  }
  if (e->modes & (1u << combo))
    return NULL;
  e->modes |= 1u << combo;
  return e;
}

/* Lock order: graph_lock is taken before the report, node, registry and
 * lock-table locks, never after them, so a cycle is reported while the
 * graph lock is held (the path it names cannot change under the report). */
static struct cycle cycle; /* guarded by graph_lock */
static void become_mixed(uint32_t id, uint32_t *nfound);

/* Learns src -> dst for held h and the acquisition op, and reports the
 * cycle it closes, if any (and not gated), unless quiet. Returns whether it
 * reported. */
static int learn_and_check(struct ss_lock_thread *t, const struct ss_held *h,
                           const struct ss_lockop *op, uint32_t src, uint32_t dst,
                           uint32_t *nfound, int quiet, struct here *here) {
  uint32_t combo = (uint32_t)h->mode * 2 + op->mode;
  struct ss_edge *e = learn_edge(t, h, op, src, dst, combo, here);
  if (e && !quiet && *nfound < MAX_CYCLES_PER_ACQUIRE &&
      find_cycle(e, h->mode, op->mode, &cycle, 1) &&
      !gated(&cycle)) {
    /* The closing edge may be an old edge with a new mode: name this
     * acquisition, not the edge's first one. */
    cycle.e[0].src_site = h->site;
    cycle.e[0].src_stack = ss_held_stack(h);
    cycle.e[0].dst_site = op->site;
    cycle.e[0].stack = here_stack(here);
    cycle.e[0].tid = t->tid;
    (*nfound)++;
    report_cycle(t, op, &cycle);
    return 1;
  }
  return 0;
}

SS_HIDDEN void ss_graph_learn(struct ss_lock_thread *t, const struct ss_lockop *op, uint32_t node,
                              uint32_t gen, int how) {
  const int same_class_only = (how & SS_LEARN_SAME_CLASS_ONLY) != 0;
  uint32_t nfound = 0;
  if (!edge_hash || !stack)
    return;
  uint32_t held = t->nheld;
  int instance_done = 0, element_done = 0;
  struct here here = {op, 0, 0};
  ss_spin_lock(&graph_lock);
  uint32_t dcoll = ss_node_collection(node);
  for (uint32_t i = held; i-- > 0;) {
    struct ss_held *h = &t->held[i];
    if (!h->class_id || h->addr == op->addr)
      continue;
    uint32_t src = h->class_id, dst = node;
    uint32_t scoll = ss_node_collection(src);
    if (scoll && scoll == dcoll) {
      /* Two elements of one collection: their own nodes order them, as
       * instances of one class would be, and again from the innermost
       * held element only (deep nesting stays linear). */
      if (element_done || same_class_only)
        continue;
      element_done = 1;
      learn_and_check(t, h, op, src, dst, &nfound, 0, &here);
      continue;
    }
    if (h->class_id == node) {
      /* Same class nested: order the new instance after the innermost held
       * one only. The others precede that one already, and the cycle
       * search follows paths, so this keeps a deep nesting (a thousand
       * array elements locked in turn) linear in edges. */
      if (instance_done)
        continue;
      instance_done = 1;
      /* Nested in each other at a lock layer's site: a class of locks made
       * for more than one role (a layer's one allocator made them all). A
       * class nested at its own sites (a list walked hand over hand) is
       * one kind, and keeps its class-level order. */
      if (!is_mixed(node) && (ss_sites_is_layer(op->site) || ss_sites_is_layer(h->site)))
        become_mixed(node, &nfound);
      if ((how & SS_LEARN_IN_ORDER) && (!is_mixed(node) || !has_cross(node))) {
        /* In-order edges cannot close a cycle among themselves: kept, for
         * the search a later nesting the other way makes, up to a bound
         * (locks.c, nesting_in_order). A mixed class's too, while no edge
         * joins its instances to another class's: then a cycle among its
         * instances can only be made of its own edges. */
        struct ss_node *cn = ss_node_get(node);
        if (cn->inst_edges >= SS_ORDERED_INSTANCE_EDGES)
          continue;
        src = ss_node_instance(node, h->addr, h->lock_gen);
        dst = ss_node_instance(node, op->addr, gen);
        uint32_t before = nedges;
        if (src && dst && learn_edge(t, h, op, src, dst, (uint32_t)h->mode * 2 + op->mode, &here) &&
            nedges != before)
          __atomic_store_n(&cn->inst_edges, cn->inst_edges + 1, __ATOMIC_RELAXED);
        continue;
      }
      src = ss_node_instance(node, h->addr, h->lock_gen);
      dst = ss_node_instance(node, op->addr, gen);
      if (!src || !dst)
        continue;
    } else if (is_mixed(src) || is_mixed(dst)) {
      /* The class edge is kept (a class that is not mixed at the other end
       * still learns it), but only the instances' edge can close a cycle. */
      if (!same_class_only)
        learn_and_check(t, h, op, src, dst, &nfound, 0, &here);
      uint32_t si = ss_node_instance(src, h->addr, h->lock_gen);
      uint32_t di = ss_node_instance(dst, op->addr, gen);
      if (si && di) {
        mark_cross(src);
        mark_cross(dst);
        learn_and_check(t, h, op, si, di, &nfound, 0, &here);
      }
      continue;
    } else if (same_class_only) {
      continue;
    }
    int reported = learn_and_check(t, h, op, src, dst, &nfound, 0, &here);
    /* An element of a collection also orders the collection: what one
     * element taught covers every other. The cycle the elements closed
     * themselves is not reported twice. */
    if (src == h->class_id && dst == node && (scoll || dcoll))
      learn_and_check(t, h, op, scoll ? scoll : src, dcoll ? dcoll : dst, &nfound, reported, &here);
  }
  ss_spin_unlock(&graph_lock);
}

/* ---- edges copied onto other nodes ---- */

/* Copies what edge e learned onto s -> d, and reports the cycles that
 * closes. */
static void copy_onto(const struct ss_edge *e, uint32_t s, uint32_t d, uint32_t *nfound) {
  struct ss_edge *f = edge_find(s, d);
  int fresh = 0;
  if (!f) {
    f = edge_new(s, d);
    if (!f)
      return;
    f->tid = e->tid;
    f->src_site = e->src_site;
    f->dst_site = e->dst_site;
    f->src_addr = e->src_addr;
    f->src_gen = e->src_gen;
    f->dst_addr = e->dst_addr;
    f->dst_gen = e->dst_gen;
    f->stack = e->stack;
    f->src_stack = e->src_stack;
    memcpy(f->gates, e->gates, sizeof(f->gates));
    f->ngates = e->ngates;
    fresh = 1;
  }
  ss_edge_merge_takers(f, e);
  f->recheck |= e->recheck;
  if (!fresh) {
    uint32_t k = 0;
    for (uint32_t i = 0; i < f->ngates; i++)
      for (uint32_t j = 0; j < e->ngates; j++)
        if (f->gates[i] == e->gates[j]) {
          f->gates[k++] = f->gates[i];
          break;
        }
    f->ngates = k;
  }
  uint32_t added = e->modes & ~f->modes;
  f->modes |= added;
  for (uint32_t combo = 0; combo < 4; combo++) {
    if (!(added & (1u << combo)) || *nfound >= MAX_CYCLES_PER_ACQUIRE)
      continue;
    if (find_cycle(f, combo >> 1, combo & 1, &cycle, 0) && !gated(&cycle)) {
      struct ss_lockop op = {0};
      op.site = e->dst_site;
      (*nfound)++;
      report_cycle(NULL, &op, &cycle);
    }
  }
}

/* Class id shows itself mixed (lock_class.h): the edges it learned so far
 * are copied between the instances they were first seen on. The graph
 * lock is held. */
static void become_mixed(uint32_t id, uint32_t *nfound) {
  struct ss_node *n = ss_node_get(id);
  __atomic_store_n(&n->mixed, 1, __ATOMIC_RELEASE);
  for (int dir = 0; dir < 2; dir++)
    for (struct ss_edge *e = dir ? n->in : n->out; e; e = dir ? e->next_in : e->next_out) {
      if (!e->src_addr || !e->dst_addr)
        continue;
      struct ss_node *s = ss_node_get(e->src), *d = ss_node_get(e->dst);
      if (s->kind == SS_NODE_INSTANCE || d->kind == SS_NODE_INSTANCE)
        continue;
      uint32_t si = ss_node_instance(e->src, e->src_addr, e->src_gen);
      uint32_t di = ss_node_instance(e->dst, e->dst_addr, e->dst_gen);
      if (si && di)
        copy_onto(e, si, di, nfound);
    }
}

/* ---- collections of array elements (lock_array.h) ---- */

static uint32_t lifted(uint32_t id) {
  uint32_t c = ss_node_collection(id);
  return c ? c : id;
}

/* Copies edge e onto the collections of its ends. */
static void lift_edge(const struct ss_edge *e, uint32_t *nfound) {
  uint32_t s = lifted(e->src), d = lifted(e->dst);
  if (s == d || (s == e->src && d == e->dst))
    return;
  copy_onto(e, s, d, nfound);
}

static int element_of(const struct ss_node *n, uint64_t akey) {
  return n->kind == SS_NODE_GLOBAL && n->elem && n->array_key == akey;
}

/* Lock order: graph_lock, then node_lock (ss_node_collection_for). */
SS_HIDDEN void ss_graph_collect(uint64_t akey) {
  if (!edge_hash || !stack)
    return;
  uint32_t nfound = 0;
  ss_spin_lock(&graph_lock);
  uint32_t n = ss_node_count();
  for (uint32_t id = 1; id <= n; id++) {
    struct ss_node *nd = ss_node_get(id);
    if (!element_of(nd, akey) || __atomic_load_n(&nd->coll, __ATOMIC_ACQUIRE))
      continue;
    uint32_t c = ss_node_collection_for(akey, nd->name, nd->name_off);
    if (c)
      __atomic_store_n(&nd->coll, c, __ATOMIC_RELEASE);
  }
  /* What the elements learned so far, the collection learns now. */
  for (uint32_t id = 1; id <= n; id++) {
    struct ss_node *nd = ss_node_get(id);
    if (!element_of(nd, akey))
      continue;
    for (struct ss_edge *e = nd->out; e; e = e->next_out)
      lift_edge(e, &nfound);
    for (struct ss_edge *e = nd->in; e; e = e->next_in)
      lift_edge(e, &nfound);
  }
  ss_spin_unlock(&graph_lock);
}

SS_HIDDEN void ss_graph_uncollect(uint64_t akey) {
  if (!edge_hash)
    return;
  ss_spin_lock(&graph_lock);
  uint32_t n = ss_node_count();
  for (uint32_t id = 1; id <= n; id++) {
    struct ss_node *nd = ss_node_get(id);
    if (nd->kind != SS_NODE_GLOBAL || nd->elem || nd->array_key != akey)
      continue;
    __atomic_store_n(&nd->dead, 1, __ATOMIC_RELEASE);
    while (nd->out)
      edge_drop(nd->out);
    while (nd->in)
      edge_drop(nd->in);
  }
  ss_spin_unlock(&graph_lock);
}
