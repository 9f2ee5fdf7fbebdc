/* Lock classes and the nodes of the lock-order graph. */
#include "lock_class.h"

#include <string.h>

#include "core/dynsite.h"
#include "core/stack.h"
#include "core/symbolize.h"
#include "lock_array.h"
#include "lock_flags.h"
#include "lock_graph.h"
#include "lock_index.h"
#include "lock_levels.h"
#include "lock_sites.h"
#include "gone_table.h"
#include "locks.h"
#include "lock_table.h"

#define NODE_HASH 16384u

static ss_spin_t node_lock SS_RUNTIME_LOCK;
SS_HIDDEN struct ss_node *ss_nodes; /* [max_lock_classes], id = index + 1 */
static struct ss_node **node_hash;  /* guarded by node_lock */
SS_HIDDEN uint32_t ss_nnodes;        /* ids ever used; written under node_lock */
static uint32_t max_nodes;
static uint32_t free_nodes;         /* freed instance ids, chained by inst_next; node_lock */
static int full_warned;

SS_HIDDEN void ss_class_init(void) {
  max_nodes = ss_lock_flags.max_lock_classes > 0 ? (uint32_t)ss_lock_flags.max_lock_classes : 0;
  ss_nodes = max_nodes ? ss_map((size_t)max_nodes * sizeof(struct ss_node)) : NULL;
  node_hash = ss_map(NODE_HASH * sizeof(*node_hash));
  if (!ss_nodes || !node_hash)
    max_nodes = 0;
}


SS_HIDDEN uint32_t ss_node_count(void) { return __atomic_load_n(&ss_nnodes, __ATOMIC_ACQUIRE); }

/* Finds or creates the node with key; fill() initialises a new one. */
static uint32_t node_for_key(uint64_t key, void (*fill)(struct ss_node *, const void *),
                             const void *arg) {
  if (!max_nodes)
    return 0;
  uint32_t id = 0;
  ss_spin_lock(&node_lock);
  struct ss_node **head = &node_hash[key % NODE_HASH];
  for (struct ss_node *n = *head; n; n = n->hash_next)
    if (n->key == key) {
      id = n->id;
      break;
    }
  if (!id && (free_nodes || ss_nnodes < max_nodes)) {
    uint32_t nid = free_nodes ? free_nodes : ss_nnodes + 1;
    struct ss_node *n = &ss_nodes[nid - 1];
    if (free_nodes)
      free_nodes = n->inst_next;
    memset(n, 0, sizeof(*n));
    n->key = key;
    n->id = nid;
    fill(n, arg);
    n->hash_next = *head;
    *head = n;
    if (nid > ss_nnodes)
      __atomic_store_n(&ss_nnodes, nid, __ATOMIC_RELEASE);
    id = n->id;
  }
  ss_spin_unlock(&node_lock);
  if (!id)
    ss_warn_once(&full_warned,
                 "more than max_lock_classes=%ld lock classes; locks of new classes "
                 "are not checked for lock order or levels (raise max_lock_classes)\n",
                 ss_lock_flags.max_lock_classes);
  return id;
}

/* Names a policy or a suppression may use for a base class: the symbol
 * (and "symbol+offset" for a lock inside a global), or the init site as
 * "path:line" and "file:line" and its function. */
static int names_of(const struct ss_node *nd, const char *names[4], char storage[2][512]) {
  int k = 0;
  if (nd->kind == SS_NODE_GLOBAL) {
    names[k++] = nd->name;
    if (nd->elem) {
      /* An element of an array of roles: "table[3]" names the role, and
       * the array's name still covers them all. */
      ss_format(storage[0], 512, "%s[%u]", nd->name, nd->elem - 1);
      names[k++] = storage[0];
      if (nd->name_off) {
        ss_format(storage[1], 512, "%s+%u", nd->name, nd->name_off);
        names[k++] = storage[1];
      }
    } else if (nd->name_off) {
      ss_format(storage[0], 512, "%s+%u", nd->name, nd->name_off);
      names[k++] = storage[0];
    }
  } else if (nd->kind == SS_NODE_SITE || nd->kind == SS_NODE_USE_SITE) {
    const struct syncsan_site *s = nd->init_site;
    ss_dynsite_resolve(s); /* an interposed call's: filled in on first use */
    const char *base = strrchr(s->file, '/');
    ss_format(storage[0], 512, "%s:%u", s->file, s->line);
    ss_format(storage[1], 512, "%s:%u", base ? base + 1 : s->file, s->line);
    names[k++] = storage[0];
    names[k++] = storage[1];
    names[k++] = s->function;
  }
  return k;
}

/* ---- base classes ---- */

static void join_collection(uint32_t id);

struct class_src {
  const struct ss_lock *rec;
  const struct syncsan_site *use_site; /* the acquisition that resolves the class */
  int by_address;
};

static void fill_class(struct ss_node *n, const void *arg) {
  const struct class_src *src = arg;
  const struct ss_lock *l = src->rec;
  n->kind_of_lock = l->kind;
  if (!src->by_address && l->name) {
    n->kind = SS_NODE_GLOBAL;
    n->name = l->name;
    n->name_off = l->name_off;
    if (l->name_elem) {
      n->elem = l->name_elem;
      n->array_key = ss_array_key(l->name);
      n->addr = l->addr;
      n->lock_id = l->id;
    }
  } else if (!src->by_address && ss_site_is_place(l->init_site)) {
    n->kind = SS_NODE_SITE;
    n->init_site = l->init_site;
    n->init_pc = l->init_pc;
  } else if (!src->by_address && ss_site_is_place(src->use_site)) {
    n->kind = SS_NODE_USE_SITE;
    n->init_site = src->use_site;
  } else {
    n->kind = SS_NODE_ADDR;
    n->addr = l->addr;
    n->lock_id = l->id;
  }
  /* A level policy file may name the class. Node names need the node to be
   * complete, which it is now; the policy lookup takes no lock of ours. */
  const char *names[4];
  char storage[2][512];
  int nn = names_of(n, names, storage);
  ss_levels_policy_lookup(names, nn, &n->level, &n->ordered);
}

static uint64_t site_key(uint64_t salt, const struct syncsan_site *s) {
  /* By content, not address: identical sites of two modules (or a wait
   * site's copy) are one class. An interposed call's site is by its return
   * address: its content is filled in by the symbolizer when first named,
   * and a key must not change under a class. */
  if (s->flags & SYNCSAN_SITE_DYNAMIC)
    return ss_mix64(salt ^ ((uint64_t)ss_site_pc(s) * 0x9e3779b97f4a7c15ull) ^ s->op);
  uint64_t h = ss_fnv1a(SS_FNV_SEED ^ salt, s->file);
  h = ss_fnv1a(h, s->function);
  return ss_mix64(h ^ ((uint64_t)s->line << 20) ^ s->column);
}

static uint64_t class_key(const struct class_src *src) {
  const struct ss_lock *l = src->rec;
  if (!src->by_address && l->name)
    return ss_mix64(ss_fnv1a(SS_FNV_SEED ^ 1, l->name) ^ l->name_off ^
                    (uint64_t)l->name_elem << 32);
  if (!src->by_address && ss_site_is_place(l->init_site))
    return ss_mix64(site_key(2, l->init_site) ^ l->init_key * 0x9e3779b97f4a7c15ull);
  if (!src->by_address && ss_site_is_place(src->use_site))
    return site_key(4, src->use_site);
  return ss_mix64(((uint64_t)l->addr * 0x9e3779b97f4a7c15ull) ^ ((uint64_t)l->gen << 1) ^ 3);
}

/* The end of a class resolution: the level (the instance's, else the
 * class's), the answer, and the thread's cache entry, filled under epoch. */
static void resolved(struct ss_lock_thread *t, const struct ss_lockop *op, uint32_t epoch,
                     uint32_t cls, uint32_t gen, int32_t inst_level, int inst_ordered,
                     struct ss_class_ref *out) {
  ss_sites_note(op->site, cls);
  struct ss_node *n = ss_node_get(cls);
  if (n) {
    /* A level annotation on the lock's declaration travels in its sites. */
    uint32_t site_level = op->site ? op->site->flags >> SYNCSAN_SITE_LEVEL_SHIFT : 0;
    if (site_level && !__atomic_load_n(&n->level, __ATOMIC_RELAXED)) {
      __atomic_store_n(&n->ordered, (op->site->flags & SYNCSAN_SITE_LEVEL_ORDERED) != 0,
                       __ATOMIC_RELAXED);
      __atomic_store_n(&n->level, (int32_t)site_level, __ATOMIC_RELAXED);
    }
  }
  out->class_id = cls;
  out->gen = gen;
  if (inst_level) {
    out->level = inst_level;
    out->ordered = (uint32_t)inst_ordered;
  } else if (n) {
    out->level = __atomic_load_n(&n->level, __ATOMIC_RELAXED);
    out->ordered = __atomic_load_n(&n->ordered, __ATOMIC_RELAXED);
  }
  struct ss_class_cache_entry *e = ss_class_cache_fill_slot(t, op->addr);
  if (!e)
    return;
  e->addr = op->addr;
  e->epoch = epoch;
  e->valid = 1;
  e->gen = gen;
  e->class_id = cls;
  e->level = out->level;
  e->held_flags = (out->ordered ? SS_HELD_ORDERED : 0) | op->pshared;
}

SS_HIDDEN void ss_class_resolve_slow(struct ss_lock_thread *t, const struct ss_lockop *op,
                                     struct ss_class_ref *out) {
  out->class_id = 0;
  out->gen = 0;
  out->level = 0;
  out->ordered = 0;
  /* A lock's class lost its edges (ss_graph_retire_class): chains this
   * thread checked before may rest on them, so they are checked again. */
  uint32_t flushes = __atomic_load_n(&ss_graph_flushes, __ATOMIC_ACQUIRE);
  if (SS_UNLIKELY(flushes != t->chain_flush)) {
    ss_chain_cache_clear(t);
    t->chain_flush = flushes;
  }
  /* Read the epoch before the record: a change after this makes the cache
   * entry stale at once, never valid with old contents. */
  uint32_t epoch = __atomic_load_n(ss_lock_epoch(op->addr), __ATOMIC_ACQUIRE);
  /* A lock another thread (or this one, before its cache lost it) has
   * resolved since its epoch last changed: what the table would say, from
   * one line. Only locks with no level of their own and outside global
   * arrays are indexed, so the class's level and no array evidence apply;
   * the site's evidence is noted as on the full path. */
  uint32_t cls, gen;
  if (ss_lock_index_find(op->addr, epoch, &cls, &gen)) {
    uint64_t revoked = ss_array_note_other(op->site);
    if (revoked)
      ss_graph_uncollect(revoked);
    resolved(t, op, epoch, cls, gen, 0, 0, out);
    return;
  }
  struct ss_gone gone;
  struct ss_lock snap;
  struct ss_lock *rec = ss_lock_lookup_use(op->addr, op->kind, op->site, &gone, &snap);
  if (SS_UNLIKELY(gone.addr)) {
    ss_rule_lock_destroyed(t, op, &gone, 0);
    if (rec && !ss_lock_snapshot(op->addr, &snap))
      rec = NULL;
  }
  if (!rec)
    return; /* lock table full: untracked (warned once there) */
  cls = snap.class_id;
  int by_address = (int)ss_lock_flags.lock_order_by_instance;
  uint64_t akey = snap.name && snap.name_elem && !by_address ? ss_array_key(snap.name) : 0;
  if (!cls) {
    struct class_src src = {&snap, op->site, by_address};
    cls = node_for_key(class_key(&src), fill_class, &src);
    /* An element of a collection joins it before any edge can name it. */
    if (cls && akey && ss_array_is_collection(akey))
      join_collection(cls);
    if (cls)
      ss_lock_set_class(rec, cls);
  }
  /* The evidence for arrays (lock_array.h): a slow path, once per thread
   * and lock (or after the thread's cache lost it). */
  if (akey) {
    uint64_t revoked;
    if (ss_array_note_element(akey, snap.name_elem, op->site, &revoked))
      ss_graph_collect(akey);
    if (revoked)
      ss_graph_uncollect(revoked);
  } else {
    uint64_t revoked = ss_array_note_other(op->site);
    if (revoked)
      ss_graph_uncollect(revoked);
    if (!snap.level)
      ss_lock_index_put(op->addr, epoch, cls, snap.gen);
  }
  resolved(t, op, epoch, cls, snap.gen, snap.level, (snap.flags & SS_LOCK_LEVEL_ORDERED) != 0,
           out);
}

/* ---- init-stack classes ---- */

/* Whether the init call at site runs inside a lock wrapper. */
static int init_in_wrapper(const struct syncsan_site *site) {
  if (site->flags & SYNCSAN_SITE_WRAPPER)
    return 1;
  if (site->flags & SYNCSAN_SITE_DYNAMIC)
    return ss_pc_is_wrapper(ss_site_pc(site));
  return ss_function_is_wrapper(site->function);
}

/* The source frame of return address pc outside wrappers: the innermost
 * function of its inline chain that is no wrapper (a wrapper inlined into
 * its caller shares the caller's pc). 0 when pc has no source place. */
static int user_place(uintptr_t pc, struct ss_frame *out) {
  struct ss_frame f[8];
  unsigned nf = ss_symbolize_pc(pc, f, 8);
  for (unsigned i = 0; i < nf; i++)
    if (i + 1 == nf || !ss_function_is_wrapper(f[i].function)) {
      *out = f[i];
      return out->file && out->line;
    }
  return 0;
}

SS_HIDDEN uintptr_t ss_class_init_pc(const struct syncsan_site *site, uintptr_t from,
                                     uint64_t *key) {
  *key = 0;
  if (!ss_site_is_place(site) || ss_lock_flags.lock_order_by_instance || !init_in_wrapper(site))
    return 0;
  const uintptr_t *pcs;
  unsigned n = ss_stack_pcs(ss_stack_capture(from), &pcs);
  /* The capture starts at `from` itself, in the hook: the frame above it
   * returns into the function that made the init call. */
  if (n && pcs[0] == from) {
    pcs++;
    n--;
  }
  /* An interposed call: the frames start at the caller the dynamic site
   * stands for, however many of the interposer's frames are above it. */
  uintptr_t dyn = site->flags & SYNCSAN_SITE_DYNAMIC ? ss_site_pc(site) : 0;
  for (unsigned i = 0; dyn && i < n; i++)
    if (pcs[i] == dyn) {
      pcs += i;
      n -= i;
      break;
    }
  /* pcs[0] returns into the function that made the init call: the
   * wrapper, or its caller when the wrapper was inlined there, which the
   * wrapper rule tells apart (by the pc's inline chain). */
  unsigned u = ss_first_user_frame(pcs, n, 0);
  if (u >= n)
    return 0;
  struct ss_frame f;
  if (user_place(pcs[u], &f)) {
    uint64_t h = ss_fnv1a(SS_FNV_SEED ^ 6, f.file);
    h = ss_fnv1a(h, f.function);
    *key = ss_mix64(h ^ ((uint64_t)f.line << 20) ^ f.column);
  } else {
    *key = ss_mix64((uint64_t)pcs[u] ^ 6);
  }
  return pcs[u];
}

/* ---- collections of array elements ---- */

static void fill_collection(struct ss_node *n, const void *arg) {
  const struct ss_node *el = arg;
  n->kind = SS_NODE_GLOBAL;
  n->kind_of_lock = el->kind_of_lock;
  n->name = el->name;
  n->name_off = el->name_off;
  n->array_key = el->array_key;
  n->level = el->level;
  n->ordered = el->ordered;
}

SS_HIDDEN uint32_t ss_node_collection_for(uint64_t akey, const char *name, uint32_t off) {
  struct ss_node el = {0};
  el.name = name;
  el.name_off = off;
  el.array_key = akey;
  /* The key an array's class had before elements had their own: the
   * collection is that class. */
  return node_for_key(ss_mix64(ss_fnv1a(SS_FNV_SEED ^ 1, name) ^ off), fill_collection,
                      &el);
}

SS_HIDDEN uint32_t ss_node_collection(uint32_t id) {
  struct ss_node *n = ss_node_get(id);
  uint32_t c = n ? __atomic_load_n(&n->coll, __ATOMIC_ACQUIRE) : 0;
  struct ss_node *cn = ss_node_get(c);
  return cn && !__atomic_load_n(&cn->dead, __ATOMIC_ACQUIRE) ? c : 0;
}

static void join_collection(uint32_t id) {
  struct ss_node *n = ss_node_get(id);
  if (!n || !n->elem || __atomic_load_n(&n->coll, __ATOMIC_ACQUIRE))
    return;
  uint32_t c = ss_node_collection_for(n->array_key, n->name, n->name_off);
  struct ss_node *cn = ss_node_get(c);
  if (cn) {
    n->level = n->level ? n->level : cn->level;
    __atomic_store_n(&n->coll, c, __ATOMIC_RELEASE);
  }
}

/* ---- subclasses and instances ---- */

struct derived_src {
  uint32_t base;
  uint32_t subclass;
  uintptr_t addr;
  uint32_t gen;
  int instance;
};

static void fill_derived(struct ss_node *n, const void *arg) {
  const struct derived_src *src = arg;
  const struct ss_node *b = &ss_nodes[src->base - 1];
  n->kind = src->instance ? SS_NODE_INSTANCE : SS_NODE_SUBCLASS;
  n->kind_of_lock = b->kind_of_lock;
  n->parent = src->base;
  n->subclass = src->subclass;
  n->addr = src->addr;
  n->level = b->level;
  n->ordered = b->ordered;
  if (src->instance) {
    struct ss_lock l;
    if (ss_lock_snapshot(src->addr, &l))
      n->lock_id = l.id;
    /* Chained to its lock incarnation, which retires it when forgotten. */
    n->inst_next = ss_lock_push_instance(src->addr, src->gen, n->id);
  }
}

SS_HIDDEN uint32_t ss_node_subclass(uint32_t base, uint32_t subclass) {
  if (!base || !subclass)
    return base;
  struct derived_src src = {base, subclass, 0, 0, 0};
  return node_for_key(ss_mix64(((uint64_t)base << 32 | subclass) ^ 0x5ull << 60), fill_derived,
                      &src);
}

SS_HIDDEN uint32_t ss_node_instance(uint32_t base, uintptr_t addr, uint32_t gen) {
  if (!base)
    return 0;
  struct derived_src src = {base, 0, addr, gen, 1};
  return node_for_key(ss_mix64((uint64_t)addr * 31 ^ ((uint64_t)base << 40) ^ gen ^ 0x7ull << 61),
                      fill_derived, &src);
}

SS_HIDDEN void ss_node_free(uint32_t id) {
  struct ss_node *nd = ss_node_get(id);
  if (!nd || nd->kind != SS_NODE_INSTANCE)
    return;
  ss_spin_lock(&node_lock);
  for (struct ss_node **pp = &node_hash[nd->key % NODE_HASH]; *pp; pp = &(*pp)->hash_next)
    if (*pp == nd) {
      *pp = nd->hash_next;
      break;
    }
  nd->key = 0;
  nd->inst_next = free_nodes;
  free_nodes = id;
  ss_spin_unlock(&node_lock);
}

/* ---- naming ---- */

SS_HIDDEN const char *ss_node_label(uint32_t id, char *buf, size_t n) {
  struct ss_node *nd = ss_node_get(id);
  if (!nd) {
    ss_format(buf, n, "<untracked>");
    return buf;
  }
  char base[300];
  switch (nd->kind) {
  case SS_NODE_GLOBAL:
    if (nd->elem && nd->name_off)
      ss_format(buf, n, "'%s[%u]+%u'", nd->name, nd->elem - 1, nd->name_off);
    else if (nd->elem)
      ss_format(buf, n, "'%s[%u]'", nd->name, nd->elem - 1);
    else if (nd->name_off)
      ss_format(buf, n, "'%s+%u'", nd->name, nd->name_off);
    else
      ss_format(buf, n, "'%s'", nd->name);
    break;
  case SS_NODE_SITE:
    if (nd->init_pc) {
      /* Symbolized now, for the report: the class was made without it. */
      struct ss_frame f;
      if (user_place(nd->init_pc, &f)) {
        const char *file = strrchr(f.file, '/');
        /* The wrapper's own init line too: one wrapper may init locks of
         * two classes (sqlite's recursive and fast mutexes). */
        ss_format(buf, n, "init@%s:%u (via %s:%u)", file ? file + 1 : f.file, f.line,
                  nd->init_site->function, nd->init_site->line);
      } else {
        ss_format(buf, n, "init@%p (via %s:%u)", (void *)nd->init_pc, nd->init_site->function,
                  nd->init_site->line);
      }
      break;
    }
    /* fall through */
  case SS_NODE_USE_SITE: {
    const char *what = nd->kind == SS_NODE_SITE ? "init" : "first-use";
    ss_dynsite_resolve(nd->init_site); /* an interposed call's: filled in on first use */
    const char *f = strrchr(nd->init_site->file, '/');
    uintptr_t pc = ss_site_pc(nd->init_site);
    struct ss_frame fr;
    /* A library without line information: its module and offset, as its
     * frames print, so two init calls of one library stay apart. */
    if (pc && !nd->init_site->line && ss_symbolize_pc(pc, &fr, 1) && fr.module) {
      const char *m = strrchr(fr.module, '/');
      ss_format(buf, n, "%s@%s+0x%lx", what, m ? m + 1 : fr.module, (unsigned long)fr.offset);
      break;
    }
    ss_format(buf, n, "%s@%s:%u", what, f ? f + 1 : nd->init_site->file, nd->init_site->line);
    break;
  }
  case SS_NODE_ADDR:
    ss_format(buf, n, "%s M%u (%p)", ss_lock_kind_name(nd->kind_of_lock), nd->lock_id,
              (void *)nd->addr);
    break;
  case SS_NODE_SUBCLASS:
    ss_format(buf, n, "%s/%u", ss_node_label(nd->parent, base, sizeof(base)), nd->subclass);
    break;
  case SS_NODE_INSTANCE:
    ss_format(buf, n, "%s instance M%u (%p)", ss_node_label(nd->parent, base, sizeof(base)),
              nd->lock_id, (void *)nd->addr);
    break;
  }
  return buf;
}

SS_HIDDEN int ss_node_names(uint32_t id, const char *names[4], char storage[2][512]) {
  struct ss_node *nd = ss_node_get(id);
  while (nd && (nd->kind == SS_NODE_SUBCLASS || nd->kind == SS_NODE_INSTANCE))
    nd = ss_node_get(nd->parent);
  return nd ? names_of(nd, names, storage) : 0;
}
