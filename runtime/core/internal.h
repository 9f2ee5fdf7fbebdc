/* Runtime-internal declarations shared by the runtime's files.
 * Everything here is hidden: the only exported names are the __syncsan_*
 * ABI entry points and the syncsan_* public API. */
#ifndef SYNCSAN_INTERNAL_H
#define SYNCSAN_INTERNAL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "syncsan/abi.h"

#define SS_HIDDEN __attribute__((visibility("hidden")))
#define SS_EXPORT __attribute__((visibility("default")))
#define SS_LIKELY(x) __builtin_expect(!!(x), 1)
#define SS_UNLIKELY(x) __builtin_expect(!!(x), 0)
#define SS_NOINLINE __attribute__((noinline))
#define SS_ALWAYS_INLINE inline __attribute__((always_inline))
#define SS_COLD __attribute__((cold, noinline))
#define SS_ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* A 64-bit finaliser (murmur3's): spreads every input bit over the
 * result, for hash keys built from pointers and small integers. */
/* FNV-1a over a string, continuing from h (SS_FNV_SEED to start): the one
 * string hash of the runtime's tables and keys. ss_fnv1a stops at the NUL
 * (a NULL string adds nothing), ss_fnv1a_n after n bytes. */
#define SS_FNV_SEED 0xcbf29ce484222325ull
static inline uint64_t ss_fnv1a(uint64_t h, const char *s) {
  for (; s && *s; s++)
    h = (h ^ (unsigned char)*s) * 0x100000001b3ull;
  return h;
}
static inline uint64_t ss_fnv1a_n(uint64_t h, const char *s, size_t n) {
  for (size_t i = 0; i < n; i++)
    h = (h ^ (unsigned char)s[i]) * 0x100000001b3ull;
  return h;
}

static inline uint64_t ss_mix64(uint64_t h) {
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdull;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ull;
  h ^= h >> 33;
  return h;
}

/* ---- formatting without malloc (format.c) ---- */
/* A subset of printf: %s %c %d %i %u %x %p %% with l/ll/z length modifiers,
 * a numeric or * width and a .N or .* precision for %s. Always NUL-terminates; returns the length written. */
SS_HIDDEN size_t ss_vformat(char *buf, size_t size, const char *fmt, va_list ap);
SS_HIDDEN size_t ss_format(char *buf, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* A fixed-size text buffer that reports are built in. */
struct ss_buf {
  char *data;
  size_t size;
  size_t len;
};
SS_HIDDEN void ss_buf_printf(struct ss_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* A JSON string of s: escaped, and valid UTF-8 (format.c says how). */
SS_HIDDEN void ss_buf_json_string(struct ss_buf *b, const char *s);
/* The rows of a bounded JSON table (the exit profiles): appends one row,
 * formatted in `row`, to b when it is whole and leaves room for the closing
 * text; 0, appending nothing, when it does not (the table stops there). */
SS_HIDDEN int ss_buf_add_row(struct ss_buf *b, const struct ss_buf *row);
/* Closes the rows' array and the table: "]}" with how many rows did not
 * fit ("rows_omitted") when some did not, and a newline. */
SS_HIDDEN void ss_buf_end_rows(struct ss_buf *b, unsigned shown, unsigned nrows);
/* Text from the program (names, paths, option values) for text output:
 * control characters and bytes that are not UTF-8 as \xNN; newlines kept
 * when `newlines`. ss_esc makes an escaped copy in buf, for a %s. */
SS_HIDDEN void ss_buf_text(struct ss_buf *b, const char *s, int newlines);
SS_HIDDEN const char *ss_esc(char *buf, size_t size, const char *s);

/* ---- output (log.c) ---- */
/* Opens the log named by log_path= ("stderr", "stdout", or a prefix for
 * <prefix>.<pid>). */
SS_HIDDEN void ss_log_open(const char *path);
/* Rendered output (reports, JSON records, help): written as it is. */
SS_HIDDEN void ss_log_write(const char *s, size_t n);
/* The same, giving up (writing nothing) when the log lock stays busy for
 * `tries` attempts: for a fatal-signal handler. */
SS_HIDDEN void ss_log_write_try(const char *s, size_t n, unsigned tries);
/* Messages of the runtime itself, lines "==PID==syncsan: ...",
 * "==PID==SyncSanitizer: ..." or "==PID==WARNING: SyncSanitizer: ...":
 * with log_format=json each line becomes one JSON object (log.c). Held
 * back until ss_log_ready, so that messages about the options follow the
 * log options. */
SS_HIDDEN void ss_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
SS_HIDDEN void ss_warn_once(int *once, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
SS_HIDDEN void ss_log_message(const char *s, size_t n);
SS_HIDDEN void ss_log_ready(void);
/* Reports go to a terminal (stderr or stdout, not a log file)? */
SS_HIDDEN int ss_log_isatty(void);
/* log_format=json? */
SS_HIDDEN int ss_log_json(void);
SS_HIDDEN int ss_pid(void);
/* ---- start-up (lifecycle.c) ---- */
SS_HIDDEN extern int ss_inited;
SS_HIDDEN void ss_ensure_init(void);

/* ---- the environment (process.c) and the end (exit.c) ---- */
/* getenv that also works during .preinit_array, before libc's environ is set. */
SS_HIDDEN const char *ss_getenv(const char *name);
/* While start-up runs from .preinit_array: the environment it was given. */
SS_HIDDEN void ss_env_preinit(char **envp);
/* Ends the process now with exitcode= (exit.c). */
SS_HIDDEN _Noreturn void ss_die(void);

/* ---- a tiny spinlock for the runtime's own shared tables (primitives.c) ----
 * The runtime never uses the program's (instrumented) lock functions for its
 * own state: that would re-enter the hooks. These critical sections are
 * short and never block. */
typedef struct {
  int v; /* accessed only with __atomic builtins */
} ss_spin_t;
/* Every ss_spin_t in static storage is defined with this attribute
 * (`static ss_spin_t table_lock SS_RUNTIME_LOCK;`): it places the lock in
 * one linker section, the list of locks fork() must hold (core/fork.c), so
 * that no runtime lock can be left off it. */
#define SS_RUNTIME_LOCK __attribute__((section("ss_runtime_locks")))
SS_HIDDEN void ss_spin_lock(ss_spin_t *s);
SS_HIDDEN void ss_spin_unlock(ss_spin_t *s);
/* ss_spin_lock that gives up after `tries` attempts, yielding between
 * them: 1 when it holds the lock. For a fatal-signal handler, which must
 * not wait for ever on a lock (core/fatal_signal.c). */
SS_HIDDEN int ss_spin_trylock(ss_spin_t *s, unsigned tries);

/* ---- memory for the runtime's tables: mmap, never malloc (primitives.c) ---- */
SS_HIDDEN void *ss_map(size_t bytes);
SS_HIDDEN void ss_unmap(void *p, size_t bytes);

/* The site a report should name for a hook's site: inside a system-header
 * wrapper (std::mutex::lock at -O0) or a lock wrapper the pass recognised
 * (lock_both, evthread_posix_lock), the caller's call of the wrapper that
 * the pass recorded in __syncsan_caller_site. The slot is set only around
 * a direct call from the same module; reached otherwise (through a
 * function pointer, from another module), the wrapper's own site stands.
 * One test of one mask, as before wrappers were added. */
static inline const struct syncsan_site *ss_site(const struct syncsan_site *s) {
  if (SS_UNLIKELY(s->flags & (SYNCSAN_SITE_SYSTEM_HEADER | SYNCSAN_SITE_WRAPPER)) &&
      __syncsan_caller_site)
    return __syncsan_caller_site;
  return s;
}
/* Whether a site says where its operation is: an entry for a function
 * pointer's calls (SYNCSAN_SITE_INDIRECT) is one site for every call of
 * that function through any pointer, so it must not stand for a place
 * (a lock's class by its init call, say). */
static inline int ss_site_is_place(const struct syncsan_site *s) {
  return s && !(s->flags & SYNCSAN_SITE_INDIRECT);
}
/* The site's object name, if it names an object (not a caller site). */
static inline const char *ss_site_object(const struct syncsan_site *s) {
  return s && !(s->flags & SYNCSAN_SITE_CALLER) ? s->object : NULL;
}

/* Printable name of a site's operation (sites.c). */
SS_HIDDEN const char *ss_op_name(uint32_t op);

#endif
