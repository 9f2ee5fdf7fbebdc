/* lock-destroyed: a lock, trylock, timed lock or unlock of a mutex, rwlock,
 * spinlock or mtx_t that was destroyed and not initialised again.
 *
 * Where it is noticed: a destroy forgets the lock's record and bumps its
 * address's epoch (ss_lock_retire), so every thread's class cache misses
 * on the address and the next use, by any thread, creates a record
 * (ss_lock_lookup_use, from the class lookup or the unheld-unlock rule).
 * That creation is the only place that looks at the destroyed memory
 * (gone_table.h): a lock a thread knows never pays for it.
 *
 * When it is reported, soundly: memory can become a new lock without any
 * call syncsan sees (PTHREAD_MUTEX_INITIALIZER in a new object at a reused
 * address, zeroed memory, code the runtime does not see, another process
 * in shared memory). Every such way writes bytes some lock init writes.
 * So the destroy remembers a hash of the object's bytes right after the
 * real destroy, and whether those bytes could be a fresh lock's; the use
 * is reported only if they could not, and the bytes are still the same:
 * then nothing initialised the object since. glibc's mutex destroy (and
 * mtx_destroy, on top of it) writes an invalid type (-1) that no init
 * gives; its rwlock and spinlock destroys write nothing, so a destroyed
 * rwlock or spinlock is reported only while its bytes are not those of
 * any freshly initialised one (which the destroy works out by running the
 * real init on a scratch object with every attribute that changes its
 * bytes): a spinlock destroyed locked, an rwlock in a state that use left
 * behind. Elsewhere than glibc, nothing is reported. */
#include <pthread.h>
#include <threads.h>

#include "gone_table.h"
#include "lock_table.h"
#include "locks.h"
#include "mutex_op.h"
#include "core/real.h"
#include "core/report.h"

static size_t kind_size(int kind) {
  switch (kind) {
  case SS_KIND_MUTEX:
    return sizeof(pthread_mutex_t);
  case SS_KIND_RWLOCK:
    return sizeof(pthread_rwlock_t);
  case SS_KIND_SPIN:
    return sizeof(pthread_spinlock_t);
  case SS_KIND_MTX:
    return sizeof(mtx_t);
  default:
    return 0;
  }
}

/* Word by word with relaxed loads: other threads may be using the object
 * (that is the bug being looked for). Never 0, so 0 can mean "unknown". */
static uint64_t bytes_hash(const void *p, size_t size) {
  const unsigned *w = p;
  uint64_t h = 0xcbf29ce484222325ull;
  for (size_t i = 0; i < size / sizeof(unsigned); i++)
    h = (h ^ __atomic_load_n(&w[i], __ATOMIC_RELAXED)) * 0x100000001b3ull;
  return h | 1;
}

#if defined(__GLIBC__)
/* Whether an rwlock holding bytes hash h could be a fresh one: glibc's
 * init writes the idle state plus the attribute's kind and pshared, so
 * every such combination is tried on a scratch object. */
static int rwlock_init_like(uint64_t h) {
  static const int kinds[] = {PTHREAD_RWLOCK_PREFER_READER_NP, PTHREAD_RWLOCK_PREFER_WRITER_NP,
                              PTHREAD_RWLOCK_PREFER_WRITER_NONRECURSIVE_NP};
  for (unsigned k = 0; k < SS_ARRAY_SIZE(kinds); k++)
    for (int shared = 0; shared < 2; shared++) {
      pthread_rwlockattr_t a;
      pthread_rwlock_t scratch;
      if (pthread_rwlockattr_init(&a))
        return 1;
      pthread_rwlockattr_setkind_np(&a, kinds[k]);
      pthread_rwlockattr_setpshared(&a, shared ? PTHREAD_PROCESS_SHARED : PTHREAD_PROCESS_PRIVATE);
      int rc = SS_REAL(pthread_rwlock_init)(&scratch, &a);
      pthread_rwlockattr_destroy(&a);
      if (rc || bytes_hash(&scratch, sizeof(scratch)) == h)
        return 1;
      SS_REAL(pthread_rwlock_destroy)(&scratch);
    }
  return 0;
}

/* The same for a spinlock (its init value is the architecture's: 1 on
 * x86-64, where a lock decrements it). */
static int spin_init_like(uint64_t h) {
  for (int shared = 0; shared < 2; shared++) {
    pthread_spinlock_t scratch;
    if (SS_REAL(pthread_spin_init)(&scratch, shared ? PTHREAD_PROCESS_SHARED
                                                    : PTHREAD_PROCESS_PRIVATE) ||
        bytes_hash((const void *)&scratch, sizeof(scratch)) == h)
      return 1;
  }
  return 0;
}
#endif

/* Whether the destroyed object at op->addr could be a freshly initialised
 * lock of its kind (then its later use proves nothing). */
static int init_like(const struct ss_lockop *op, uint64_t h) {
#if defined(__GLIBC__)
  switch (op->kind) {
  case SS_KIND_MUTEX:
  case SS_KIND_MTX:
    return ss_pthread_mutex_kind((const void *)op->addr) != -1;
  case SS_KIND_SPIN:
    return spin_init_like(h);
  case SS_KIND_RWLOCK:
    return rwlock_init_like(h);
  }
#endif
  (void)op;
  (void)h;
  return 1;
}

SS_HIDDEN void ss_lock_gone_begin(const struct ss_lockop *op) {
  struct ss_lock l;
  struct ss_gone g = {0};
  g.addr = op->addr;
  g.what = (uint16_t)(op->kind + 1);
  g.destroy_site = op->site;
  g.init_like = 1; /* inert until the real destroy succeeded */
  if (ss_lock_snapshot(op->addr, &l)) {
    g.id = l.id;
    g.init_site = l.init_site;
    g.name = l.name;
  } else {
    /* Never seen before its destroy: named now, for the report. */
    ss_lock_lookup(op->addr, op->kind, op->site, NULL);
    if (ss_lock_snapshot(op->addr, &l)) {
      g.id = l.id;
      g.name = l.name;
    }
  }
  ss_gone_note(&g);
}

SS_HIDDEN void ss_lock_gone_end(const struct ss_lockop *op, int rc) {
  struct ss_gone g;
  uint16_t what = (uint16_t)(op->kind + 1);
  if (!ss_gone_take(op->addr, what, &g))
    return; /* used or re-initialised meanwhile, or overwritten */
  if (rc != 0)
    return; /* refused (a held mutex: EBUSY): the lock lives on */
  g.bytes = bytes_hash((const void *)op->addr, kind_size(op->kind));
  g.init_like = (uint32_t)init_like(op, g.bytes);
  ss_gone_note(&g);
}

static const char *use_verb(const struct ss_lockop *op, int unlock) {
  if (unlock)
    return "releases";
  if (op->acq == SS_ACQ_TRY)
    return "tries to acquire";
  return op->mode == SS_MODE_READ ? "acquires for reading" : "acquires";
}

SS_HIDDEN int ss_rule_lock_destroyed(struct ss_lock_thread *t, const struct ss_lockop *op,
                                     const struct ss_gone *g, int unlock) {
  if (g->init_like || bytes_hash((const void *)op->addr, kind_size(op->kind)) != g->bytes)
    return 0; /* initialised again by something syncsan did not see */
  ss_lock_add_flags(op->addr, SS_LOCK_USED_DESTROYED);
  const char *names[2] = {g->name, NULL};
  struct ss_report *r = ss_report_begin_names("lock-destroyed", SS_SEV_ERROR, op->site, names,
                                              (uintptr_t)op->site, op->addr);
  if (!r)
    return 1;
  const char *kind = ss_lock_kind_name(op->kind);
  char label[200];
  ss_format(label, sizeof(label), "%s M%u%s%s%s (%p)", kind, g->id, g->name ? " '" : "",
            g->name ? g->name : "", g->name ? "'" : "", (void *)op->addr);
  ss_report_headline(r, "thread T%u %s %s, which was destroyed and not initialised again",
                     t->tid, use_verb(op, unlock), label);
  ss_report_section_here(r, op->site, "Use by thread T%u", t->tid);
  ss_report_section(r, g->destroy_site, "%s M%u was destroyed at", kind, g->id);
  if (g->init_site)
    ss_report_section(r, g->init_site, "%s M%u was initialised at", kind, g->id);
  else
    ss_report_section(r, NULL, "%s M%u was statically initialised (no init call seen)", kind,
                      g->id);
  ss_report_thread(r, t->tid);
  ss_report_end(r);
  return 1;
}
