/* Dynamic sites: one site record per (return address, operation) for calls
 * from code syncsan did not compile.
 *
 * The records live in a fixed array, found through an open-addressed
 * table from (pc, op) to record index + 1. Records are never removed, so
 * lookups, the common case (an uninstrumented library calls
 * pthread_mutex_lock from the same few places over and over), need no
 * lock: a record is complete before its index is published in its slot
 * with a release store. Inserts take table_lock and look again.
 *
 * A record starts as "??" in "<unknown>", line 0: never NULL, so every
 * user of a site (reports, suppressions, lock class names) works on it
 * unchanged. The report path symbolizes the pc when it first prints the
 * site and fills the record in (ss_dynsite_resolve): each field is one
 * aligned word, stored atomically, and each value it can hold is valid on
 * its own, so a reader on another thread sees the old name or the new one,
 * never a torn one.
 *
 * Full table: calls share one record per operation (pc 0), with a
 * one-time warning; checks still run, reports name no place. */
#include "dynsite.h"

#include "symbolize.h"
#include "thread.h"

#define DYN_RECORDS (1u << 14)
#define DYN_SLOTS (1u << 15)

struct dynsite {
  struct syncsan_site site; /* first: a site pointer is a record pointer */
  uintptr_t pc;
  int resolved; /* atomic: file and function filled in from the symbolizer */
};

static ss_spin_t table_lock SS_RUNTIME_LOCK;
static struct dynsite records[DYN_RECORDS];   /* [0, nrecords) complete */
static uint32_t slots[DYN_SLOTS];             /* record index + 1; atomic */
static uint32_t nrecords;                     /* guarded by table_lock */
static struct dynsite shared[SYNCSAN_OP_COUNT]; /* the per-op records of a full table */
static int full; /* atomic: a miss gets the shared record without the lock */
static int full_warned;

static const char unknown_file[] = "<unknown>";
static const char unknown_function[] = "??";

static void init_record(struct dynsite *d, uintptr_t pc, uint32_t op) {
  d->site.file = unknown_file;
  d->site.function = unknown_function;
  d->site.object = NULL;
  d->site.line = 0;
  d->site.column = 0;
  d->site.op = op;
  d->site.flags = SYNCSAN_SITE_DYNAMIC;
  d->pc = pc;
  d->resolved = 0;
}

static int is_record(const struct syncsan_site *s) {
  return s && (s->flags & SYNCSAN_SITE_DYNAMIC);
}

/* The slot for (pc, op): the one holding it, or the first empty one on
 * its probe path (*idx 0 then); NULL when all are taken by others. */
static uint32_t *probe(uintptr_t pc, uint32_t op, uint32_t *idx) {
  uint64_t h = ss_mix64(pc ^ ((uint64_t)op << 56));
  for (uint32_t i = 0; i < DYN_SLOTS; i++) {
    uint32_t *slot = &slots[(h + i) & (DYN_SLOTS - 1)];
    uint32_t v = __atomic_load_n(slot, __ATOMIC_ACQUIRE);
    if (v == 0 || (records[v - 1].pc == pc && records[v - 1].site.op == op)) {
      *idx = v;
      return slot;
    }
  }
  *idx = 0;
  return NULL;
}

SS_HIDDEN const struct syncsan_site *ss_site_for_pc(uintptr_t pc, uint32_t op) {
  if (op >= SYNCSAN_OP_COUNT)
    op = SYNCSAN_OP_UNKNOWN;
  uint32_t v;
  uint32_t *slot = probe(pc, op, &v);
  if (v)
    return &records[v - 1].site;
  if (__atomic_load_n(&full, __ATOMIC_ACQUIRE))
    return &shared[op].site;
  ss_spin_lock(&table_lock);
  slot = probe(pc, op, &v);
  if (!v && slot && nrecords < DYN_RECORDS) {
    struct dynsite *d = &records[nrecords++];
    init_record(d, pc, op);
    v = nrecords;
    __atomic_store_n(slot, v, __ATOMIC_RELEASE);
  } else if (!v && !full) {
    /* Every shared record is complete before `full` says to use them. */
    for (uint32_t o = 0; o < SYNCSAN_OP_COUNT; o++)
      init_record(&shared[o], 0, o);
    __atomic_store_n(&full, 1, __ATOMIC_RELEASE);
  }
  ss_spin_unlock(&table_lock);
  if (v)
    return &records[v - 1].site;
  ss_warn_once(&full_warned,
               "more than %u call sites in code syncsan did not compile; later ones "
               "share one site per operation and reports name no place for them\n",
               DYN_RECORDS);
  return &shared[op].site;
}

SS_HIDDEN uintptr_t ss_site_pc(const struct syncsan_site *site) {
  return is_record(site) ? ((const struct dynsite *)site)->pc : 0;
}

SS_HIDDEN void ss_dynsite_resolve(const struct syncsan_site *site) {
  if (!is_record(site))
    return;
  struct dynsite *d = (struct dynsite *)site; /* our own, writable record */
  if (d->pc == 0 || __atomic_load_n(&d->resolved, __ATOMIC_ACQUIRE))
    return;
  struct ss_frame f[8];
  unsigned n = ss_symbolize_pc(d->pc, f, SS_ARRAY_SIZE(f));
  if (n == 0)
    return;
  /* The innermost frame is the function that made the call (inlined code
   * included); the record stands for that call. */
  if (f[0].file) {
    __atomic_store_n(&d->site.line, f[0].line, __ATOMIC_RELAXED);
    __atomic_store_n(&d->site.column, f[0].column, __ATOMIC_RELAXED);
    __atomic_store_n(&d->site.file, f[0].file, __ATOMIC_RELEASE);
  } else if (f[0].module) {
    __atomic_store_n(&d->site.file, f[0].module, __ATOMIC_RELEASE);
  }
  if (f[0].function)
    __atomic_store_n(&d->site.function, f[0].function, __ATOMIC_RELEASE);
  __atomic_store_n(&d->resolved, 1, __ATOMIC_RELEASE);
}
