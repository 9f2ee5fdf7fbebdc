/* Symbolization: return addresses to frames, through llvm-symbolizer
 * (symbolizer_proc.c), with every answer cached.
 *
 * A pc is symbolized once: its frames (one per inlined function, innermost
 * first) go into fixed arrays, and their strings into an arena where each
 * distinct string is stored once (a few file names and functions repeat
 * across thousands of frames). Cached strings never move or go away, which
 * is what lets struct ss_frame hand out plain pointers. Everything is
 * guarded by sym_lock: the cache, and the symbolizer process, which
 * answers one request at a time. Its critical sections are long (the first
 * one starts llvm-symbolizer), but they run only on report paths and other
 * rare events, and nothing in them waits for the program: the lock is the
 * runtime's own, and the region counts as inside the runtime, so an
 * interposed call made from it runs the real operation only.
 *
 * Full cache: a one-time warning; later pcs are answered with module and
 * offset only (no strings to keep them in), still correct, less helpful.
 * No symbolizer (symbolize=0, none found, or it failed): module+offset,
 * not cached, so nothing is lost if the cause goes away in a forked child. */
#include "symbolize.h"

#include <string.h>

#include "modules.h"
#include "symbolizer_proc.h"
#include "thread.h"

#define CACHE_PCS 8192 /* slots; at most 3/4 used */
#define CACHE_MAX_USED (CACHE_PCS / 4 * 3)
#define CACHE_FRAMES 16384
#define ARENA_BYTES (1u << 20)
#define INTERN_SLOTS 16384
#define MAX_INLINE 16

struct cached_pc {
  uintptr_t pc; /* 0: free */
  uint32_t first, n;
};
struct cached_frame {
  uint32_t function, file; /* offsets in the arena; file 0: unknown */
  uint32_t line, column;
};

static ss_spin_t sym_lock SS_RUNTIME_LOCK;
/* All guarded by sym_lock. */
static struct cached_pc pcs[CACHE_PCS];
static unsigned npcs;
static struct cached_frame frames[CACHE_FRAMES];
static unsigned nframes;
static char arena[ARENA_BYTES]; /* offset 0 holds "" (no string) */
static unsigned arena_used = 1;
static uint32_t intern[INTERN_SLOTS]; /* arena offsets; 0: free */
static unsigned ninterned;
static char answer[16384];
static int out_of_room; /* a string or a pc's frames did not fit */
static int full_warned;

static const char unknown_function[] = "??";

static uint64_t str_hash(const char *s, size_t n) {
  return ss_mix64(ss_fnv1a_n(SS_FNV_SEED, s, n));
}

/* s[0..n) stored once in the arena; 0 when there is no room. */
static uint32_t intern_str(const char *s, size_t n) {
  uint64_t h = str_hash(s, n);
  for (unsigned i = 0; i < INTERN_SLOTS; i++) {
    uint32_t *slot = &intern[(h + i) & (INTERN_SLOTS - 1)];
    if (*slot) {
      const char *c = &arena[*slot];
      if (!strncmp(c, s, n) && c[n] == 0)
        return *slot;
      continue;
    }
    if (ninterned >= INTERN_SLOTS / 4 * 3 || arena_used + n + 1 > ARENA_BYTES) {
      out_of_room = 1;
      return 0;
    }
    uint32_t off = arena_used;
    memcpy(&arena[off], s, n);
    arena[off + n] = 0;
    arena_used += (unsigned)n + 1;
    ninterned++;
    *slot = off;
    return off;
  }
  return 0;
}

static struct cached_pc *cache_slot(uintptr_t pc) {
  uint64_t h = ss_mix64(pc);
  for (unsigned i = 0; i < CACHE_PCS; i++) {
    struct cached_pc *c = &pcs[(h + i) & (CACHE_PCS - 1)];
    if (c->pc == pc || c->pc == 0)
      return c;
  }
  return NULL; /* not reached: at most 3/4 used */
}

/* One line of the answer: [p, end of line), the line's end in *next. */
static size_t line_len(const char *p, const char **next) {
  const char *e = strchr(p, '\n');
  if (!e) {
    *next = p + strlen(p);
    return strlen(p);
  }
  *next = e + 1;
  return (size_t)(e - p);
}

static uint32_t parse_uint(const char *s, size_t n) {
  uint32_t v = 0;
  for (size_t i = 0; i < n; i++) {
    if (s[i] < '0' || s[i] > '9')
      return 0;
    v = v * 10 + (uint32_t)(s[i] - '0');
  }
  return v;
}

/* "file:line:column" (the file may hold ':' itself): split from the right. */
static void parse_location(const char *s, size_t n, struct cached_frame *f) {
  f->file = 0;
  f->line = f->column = 0;
  size_t c2 = n, c1;
  while (c2 > 0 && s[c2 - 1] != ':')
    c2--;
  if (c2 == 0)
    return;
  c1 = c2 - 1;
  while (c1 > 0 && s[c1 - 1] != ':')
    c1--;
  size_t file_end;
  if (c1 > 0) {
    f->line = parse_uint(s + c1, c2 - 1 - c1);
    f->column = parse_uint(s + c2, n - c2);
    file_end = c1 - 1;
  } else {
    f->line = parse_uint(s + c2, n - c2);
    file_end = c2 - 1;
  }
  if (file_end == 2 && !strncmp(s, "??", 2))
    return;
  f->file = intern_str(s, file_end);
}

/* Parses answer into the cache as pc's frames; NULL when it has none or
 * they do not fit (out_of_room then). */
static struct cached_pc *store(uintptr_t pc, struct cached_pc *slot) {
  struct cached_frame parsed[MAX_INLINE];
  unsigned n = 0;
  const char *p = answer;
  while (*p && *p != '\n' && n < MAX_INLINE) {
    const char *loc;
    size_t flen = line_len(p, &loc);
    if (!*loc)
      break;
    const char *next;
    size_t llen = line_len(loc, &next);
    struct cached_frame *f = &parsed[n];
    f->function = (flen == 2 && !strncmp(p, "??", 2)) ? 0 : intern_str(p, flen);
    parse_location(loc, llen, f);
    n++;
    p = next;
  }
  if (n == 0)
    return NULL;
  if (npcs >= CACHE_MAX_USED || nframes + n > CACHE_FRAMES) {
    out_of_room = 1;
    return NULL;
  }
  slot->pc = pc;
  slot->first = nframes;
  slot->n = n;
  memcpy(&frames[nframes], parsed, n * sizeof(parsed[0]));
  nframes += n;
  npcs++;
  return slot;
}

static void module_frame(struct ss_frame *f, int known, const char *module, uintptr_t offset,
                         uintptr_t pc) {
  f->function = unknown_function;
  f->file = NULL;
  f->line = f->column = 0;
  f->module = known ? module : NULL;
  f->offset = known ? offset : (pc ? pc - 1 : 0);
}

SS_HIDDEN unsigned ss_symbolize_pc(uintptr_t pc, struct ss_frame *out, unsigned max) {
  if (max == 0)
    return 0;
  const char *module = NULL;
  uintptr_t offset = 0;
  int known = ss_module_of(pc, &module, &offset);
  module_frame(&out[0], known, module, offset, pc);
  if (!known)
    return 1;
  unsigned n = 1;
  ss_spin_lock(&sym_lock);
  struct cached_pc *c = cache_slot(pc);
  if (c && c->pc != pc) {
    if (!ss_symbolizer_ask(module, offset, answer, sizeof(answer)))
      c = NULL;
    else
      c = store(pc, c);
  }
  if (out_of_room)
    ss_warn_once(&full_warned, "symbolizer cache full; later frames may print as "
                               "module+offset or without a name\n");
  if (c) {
    n = c->n < max ? c->n : max;
    for (unsigned i = 0; i < n; i++) {
      const struct cached_frame *f = &frames[c->first + i];
      module_frame(&out[i], 1, module, offset, pc);
      if (f->function)
        out[i].function = &arena[f->function];
      out[i].file = f->file ? &arena[f->file] : NULL;
      out[i].line = f->line;
      out[i].column = f->column;
    }
  }
  ss_spin_unlock(&sym_lock);
  return n;
}
