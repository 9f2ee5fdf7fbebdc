/* Call stacks: capture with the DWARF unwinder, and the depot that keeps
 * them.
 *
 * Capture uses libgcc's _Unwind_Backtrace, which follows the unwind tables
 * (.eh_frame) every x86-64 and AArch64 object carries, so it works through
 * code built without frame pointers (distribution libraries, -O2 programs)
 * where a frame-pointer walk would stop or wander. It is slower than a
 * frame-pointer walk, which is why stacks are captured only for something
 * new, never on a hook's fast path. libgcc finds a pc's unwind table with
 * glibc's _dl_find_object: no malloc and no lock the program could hold.
 *
 * The depot. Stacks are stored once: a capture that repeats a stored stack
 * gets the stored stack's id, so a report can compare stacks by id and the
 * depot grows with the number of distinct stacks, not of captures. All of
 * it is fixed arrays in static storage (untouched pages cost nothing):
 *   frames[]  the return addresses of every stack, back to back;
 *   stacks[]  per id: where its frames start, how many, and its hash;
 *   table[]   open addressing from hash to id (0: empty slot).
 * Stacks are never removed, so a slot, once published, stays as it is:
 * lookups need no lock. An insert takes depot_lock, looks again (another
 * thread may have stored the same stack meanwhile), writes the frames and
 * the stack's entry, and only then publishes the id in its slot with a
 * release store; a reader that acquires the id sees a complete entry.
 * Full (no id or no room for the frames left): a one-time warning, and
 * captures get id 0, which reports print as no stack. */
#include "stack.h"

#include <unwind.h>

#include "dynsite.h"
#include "flags.h"
#include "thread.h"

#define DEPOT_STACKS (1u << 16) /* ids 1..DEPOT_STACKS-1 */
#define DEPOT_FRAMES (1u << 20)
#define TABLE_SLOTS (1u << 17) /* twice the ids: probes stay short */

struct entry {
  uint64_t hash;
  uint32_t start; /* index in frames[] */
  uint32_t n;
};

static ss_spin_t depot_lock SS_RUNTIME_LOCK;
static uintptr_t frames[DEPOT_FRAMES]; /* written under depot_lock before publication */
static struct entry stacks[DEPOT_STACKS];
static uint32_t table[TABLE_SLOTS];    /* ids; atomic */
static uint32_t next_id = 1;           /* guarded by depot_lock */
static uint32_t frames_used;           /* guarded by depot_lock */
static int full_warned;

static uint64_t hash_pcs(const uintptr_t *pcs, unsigned n) {
  uint64_t h = ss_mix64(n + 0x9e3779b97f4a7c15ull);
  for (unsigned i = 0; i < n; i++)
    h = ss_mix64(h ^ pcs[i]) + i;
  return h;
}

static int same(const struct entry *e, uint64_t h, const uintptr_t *pcs, unsigned n) {
  if (e->hash != h || e->n != n)
    return 0;
  for (unsigned i = 0; i < n; i++)
    if (frames[e->start + i] != pcs[i])
      return 0;
  return 1;
}

/* The slot holding pcs' id, or the first empty slot on its probe path
 * (*id 0 then); NULL when every slot was probed. */
static uint32_t *probe(uint64_t h, const uintptr_t *pcs, unsigned n, uint32_t *id) {
  for (uint32_t i = 0; i < TABLE_SLOTS; i++) {
    uint32_t *slot = &table[(h + i) & (TABLE_SLOTS - 1)];
    uint32_t v = __atomic_load_n(slot, __ATOMIC_ACQUIRE);
    if (v == 0 || same(&stacks[v], h, pcs, n)) {
      *id = v;
      return slot;
    }
  }
  *id = 0;
  return NULL;
}

SS_HIDDEN ss_stack_id ss_stack_put(const uintptr_t *pcs, unsigned n) {
  if (n == 0)
    return 0;
  if (n > SS_STACK_MAX)
    n = SS_STACK_MAX;
  uint64_t h = hash_pcs(pcs, n);
  uint32_t id;
  uint32_t *slot = probe(h, pcs, n, &id);
  if (id)
    return id;
  ss_spin_lock(&depot_lock);
  slot = probe(h, pcs, n, &id);
  if (!id && slot && next_id < DEPOT_STACKS && frames_used + n <= DEPOT_FRAMES) {
    id = next_id++;
    struct entry *e = &stacks[id];
    e->hash = h;
    e->start = frames_used;
    e->n = n;
    for (unsigned i = 0; i < n; i++)
      frames[frames_used + i] = pcs[i];
    frames_used += n;
    __atomic_store_n(slot, id, __ATOMIC_RELEASE);
  }
  ss_spin_unlock(&depot_lock);
  if (!id)
    ss_warn_once(&full_warned,
                 "stack depot full (%u stacks, %u frames); later reports show no "
                 "call stack for what is new\n",
                 DEPOT_STACKS - 1, DEPOT_FRAMES);
  return id;
}

SS_HIDDEN unsigned ss_stack_pcs(ss_stack_id id, const uintptr_t **pcs) {
  /* An id is handed out only after its entry is published (see above). */
  if (id == 0 || id >= DEPOT_STACKS) {
    *pcs = NULL;
    return 0;
  }
  *pcs = &frames[stacks[id].start];
  return stacks[id].n;
}

/* The unwinder's walk: every frame's pc, innermost (this file's) first.
 * Frames below from_pc are the runtime's own (a few); room for 32 of them. */
#define RUNTIME_FRAMES 32

struct walk {
  uintptr_t pcs[SS_STACK_MAX + RUNTIME_FRAMES];
  unsigned n, max;
};

static _Unwind_Reason_Code walk_frame(struct _Unwind_Context *ctx, void *arg) {
  struct walk *w = arg;
  uintptr_t pc = (uintptr_t)_Unwind_GetIP(ctx);
  if (pc == 0)
    return _URC_END_OF_STACK;
  w->pcs[w->n++] = pc;
  return w->n == w->max ? _URC_END_OF_STACK : _URC_NO_REASON;
}

SS_HIDDEN SS_NOINLINE ss_stack_id ss_stack_capture(uintptr_t from_pc) {
  unsigned depth = (unsigned)ss_flags.stack_depth;
  if (depth == 0)
    return 0;
  if (depth > SS_STACK_MAX)
    depth = SS_STACK_MAX;
  struct walk w;
  w.n = 0;
  w.max = depth + RUNTIME_FRAMES;
  /* The unwinder may be the first to look at a library's unwind tables;
   * whatever it calls that a hook interposes passes straight through. */
  ss_enter_runtime();
  _Unwind_Backtrace(walk_frame, &w);
  ss_leave_runtime();
  /* Frame 0 is this function's own. */
  unsigned first = w.n > 0 ? 1 : 0;
  if (from_pc)
    for (unsigned i = 0; i < w.n; i++)
      if (w.pcs[i] == from_pc) {
        first = i;
        break;
      }
  unsigned n = w.n - first;
  if (n > depth)
    n = depth;
  return ss_stack_put(w.pcs + first, n);
}

SS_HIDDEN SS_NOINLINE ss_stack_id ss_stack_capture_site(const struct syncsan_site *site,
                                                        uintptr_t hook_pc) {
  uintptr_t pc = ss_site_pc(site);
  return ss_stack_capture(pc ? pc : hook_pc);
}
