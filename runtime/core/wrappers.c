/* The lock wrapper rule at run time: which functions are lock wrappers, and
 * which frame of a stack is the first outside them.
 *
 * A function is a wrapper when an instrumented module registered its name
 * (__syncsan_register_wrappers, from the module's constructor: the pass
 * found it only forwards its argument to a lock operation, or allocates
 * and initialises a lock) or when the lock_wrappers option names it (a
 * comma-separated list of names and '*'/'?' globs, for code syncsan did not
 * compile). A return address is a wrapper frame when every function of its
 * inline chain is a wrapper: a wrapper inlined into its caller leaves the
 * caller's own frame at the same address, and that frame is the user's.
 *
 * Names: the registered strings are the modules' own constants (modules
 * that register stay loaded: lifecycle.c), kept by pointer in a bounded
 * open-addressed set; lookups need no lock (a slot, once published, never
 * changes), inserts take names_lock. Full: a one-time warning, and the
 * names that did not fit are not wrappers (their frames show as sites, as
 * before this rule). Answers per pc are cached in a lock-free table: a
 * slot's pc is claimed with a compare-and-swap and its answer stored after
 * it; a reader that finds the pc without an answer yet works the answer
 * out again, which gives the same result. */
#include <string.h>

#include "flags.h"
#include "suppress.h"
#include "symbolize.h"
#include "thread.h"

#define NAME_SLOTS 4096 /* at most 3/4 used */
#define NAME_MAX_USED (NAME_SLOTS / 4 * 3)
#define PC_SLOTS 8192

static ss_spin_t names_lock SS_RUNTIME_LOCK;
static const char *names[NAME_SLOTS]; /* atomic */
static unsigned nnames;               /* guarded by names_lock */
static int any_names;                 /* atomic: some name registered */
static int names_full_warned;

static struct {
  uintptr_t pc;   /* atomic: 0 free */
  uint8_t answer; /* atomic: 0 not yet known, 1 user frame, 2 wrapper */
} pc_cache[PC_SLOTS];

static uint64_t name_hash(const char *s) { return ss_mix64(ss_fnv1a(SS_FNV_SEED, s)); }

/* The slot holding name, or the first free one on its probe path. */
static const char **name_slot(const char *name, uint64_t h) {
  for (unsigned i = 0; i < NAME_SLOTS; i++) {
    const char **slot = &names[(h + i) & (NAME_SLOTS - 1)];
    const char *v = __atomic_load_n(slot, __ATOMIC_ACQUIRE);
    if (!v || !strcmp(v, name))
      return slot;
  }
  return NULL; /* not reached: the set is never more than 3/4 full */
}

SS_EXPORT void __syncsan_register_wrappers(const char *const *list, uint64_t n) {
  ss_spin_lock(&names_lock);
  for (uint64_t i = 0; i < n; i++) {
    const char *name = list[i];
    if (!name || !name[0])
      continue;
    const char **slot = name_slot(name, name_hash(name));
    if (*slot)
      continue; /* registered by another module too */
    if (nnames == NAME_MAX_USED) {
      ss_spin_unlock(&names_lock);
      ss_warn_once(&names_full_warned,
                   "more than %u lock wrapper functions registered; frames of later "
                   "ones are not skipped in reports\n",
                   NAME_MAX_USED);
      return;
    }
    nnames++;
    __atomic_store_n(slot, name, __ATOMIC_RELEASE);
    __atomic_store_n(&any_names, 1, __ATOMIC_RELEASE);
  }
  ss_spin_unlock(&names_lock);
}

static int registered(const char *name) {
  if (!__atomic_load_n(&any_names, __ATOMIC_ACQUIRE))
    return 0;
  const char **slot = name_slot(name, name_hash(name));
  return slot && __atomic_load_n(slot, __ATOMIC_ACQUIRE);
}

static int option_has(const char *name) {
  const char *p = ss_flags.lock_wrappers;
  while (p && *p) {
    const char *end = strchr(p, ',');
    size_t len = end ? (size_t)(end - p) : strlen(p);
    char pat[256];
    if (len > 0 && len < sizeof(pat)) {
      memcpy(pat, p, len);
      pat[len] = 0;
      if (ss_glob_match(pat, name))
        return 1;
    }
    p = end ? end + 1 : NULL;
  }
  return 0;
}

SS_HIDDEN int ss_wrappers_known(void) {
  return __atomic_load_n(&any_names, __ATOMIC_ACQUIRE) ||
         (ss_flags.lock_wrappers && ss_flags.lock_wrappers[0]);
}

SS_HIDDEN int ss_function_is_wrapper(const char *name) {
  if (!name || !name[0] || !strcmp(name, "??"))
    return 0;
  return registered(name) || option_has(name);
}

static int frames_are_wrappers(uintptr_t pc) {
  struct ss_frame f[16];
  unsigned n = ss_symbolize_pc(pc, f, SS_ARRAY_SIZE(f));
  if (n == 0)
    return 0;
  for (unsigned i = 0; i < n; i++)
    if (!ss_function_is_wrapper(f[i].function))
      return 0;
  return 1;
}

SS_HIDDEN int ss_pc_is_wrapper(uintptr_t pc) {
  if (pc == 0 || !ss_wrappers_known())
    return 0;
  uint64_t h = ss_mix64(pc);
  for (unsigned i = 0; i < 16; i++) {
    unsigned k = (unsigned)(h + i) & (PC_SLOTS - 1);
    uintptr_t v = __atomic_load_n(&pc_cache[k].pc, __ATOMIC_ACQUIRE);
    if (v == pc) {
      uint8_t a = __atomic_load_n(&pc_cache[k].answer, __ATOMIC_ACQUIRE);
      if (a)
        return a == 2;
      return frames_are_wrappers(pc);
    }
    if (v == 0) {
      int w = frames_are_wrappers(pc);
      uintptr_t expected = 0;
      if (__atomic_compare_exchange_n(&pc_cache[k].pc, &expected, pc, 0, __ATOMIC_ACQ_REL,
                                      __ATOMIC_ACQUIRE))
        __atomic_store_n(&pc_cache[k].answer, w ? 2 : 1, __ATOMIC_RELEASE);
      return w;
    }
  }
  /* Its probe window is taken: answered, not cached. */
  return frames_are_wrappers(pc);
}

SS_HIDDEN unsigned ss_first_user_frame(const uintptr_t *pcs, unsigned n, int top_is_wrapper) {
  if (n == 0 || (!top_is_wrapper && !ss_pc_is_wrapper(pcs[0])))
    return 0;
  unsigned i = 1;
  while (i < n && ss_pc_is_wrapper(pcs[i]))
    i++;
  return i;
}
