/* Locks held when a fatal signal ends the process, reported as
 * lock-held-at-exit: the same problem as a thread or process that exits
 * holding locks (their holders will never release them; other processes
 * sharing one wait for ever), with a headline naming the signal.
 *
 * Runs in the signal handler (core/fatal_signal.c), on a thread that was
 * not inside the runtime. Every thread's held stack is copied first, under
 * the registry lock taken with bounded tries, into static storage (no
 * malloc, and the handler runs once per process); the reports come after,
 * with the registry free again. When the registry stays busy, only the
 * signalled thread's own stack is reported, with a note. */
#include "lock_signal.h"

#include "lock_table.h"
#include "lock_thread.h"
#include "core/report.h"

#define SNAP_THREADS 64u
#define SNAP_HELD 16u
#define REGISTRY_TRIES 1000u
/* Sections per held lock: where it was taken and where it was initialised. */
#define SECTIONS_PER_LOCK 2

struct snap_held {
  uintptr_t addr;
  const struct syncsan_site *site;
  ss_stack_id stack;
  uint32_t gen, depth;
  uint16_t kind, mode;
};

struct snap {
  uint32_t tid;
  uint32_t total; /* held, recorded or not */
  uint32_t n;     /* in held[] */
  struct snap_held held[SNAP_HELD];
};

static struct snap snaps[SNAP_THREADS];
static uint32_t nsnaps, threads_left_out;

/* Copies the held stack of t: the owner publishes each entry's address
 * last, so an entry with an address is complete. */
static void copy_thread(struct ss_lock_thread *t, uint32_t slot, void *arg) {
  (void)slot;
  (void)arg;
  struct ss_held *h;
  uint32_t n = ss_held_peek(t, &h);
  uint32_t lost = __atomic_load_n(&t->nlost, __ATOMIC_RELAXED);
  if (!n && !lost)
    return;
  if (nsnaps == SNAP_THREADS) {
    threads_left_out++;
    return;
  }
  struct snap *s = &snaps[nsnaps++];
  s->tid = t->tid;
  s->n = 0;
  s->total = lost;
  for (uint32_t i = 0; i < n; i++) {
    uintptr_t a = __atomic_load_n(&h[i].addr, __ATOMIC_ACQUIRE);
    if (!a)
      continue;
    s->total++;
    if (s->n == SNAP_HELD)
      continue;
    struct snap_held *e = &s->held[s->n++];
    e->addr = a;
    e->site = h[i].site;
    e->stack = ss_held_stack(&h[i]);
    e->gen = h[i].lock_gen;
    e->depth = h[i].depth;
    e->kind = h[i].kind;
    e->mode = h[i].mode;
  }
}

/* "SIGSEGV (a fault at 0x10)", "SIGTERM (sent by process 42)": abort(),
 * raise() and kill(getpid()) are the process itself. */
static const char *describe(const struct ss_fatal *f, char *buf, size_t n) {
  if (f->has_addr)
    ss_format(buf, n, "%s (a fault at %p)", f->name, (void *)f->addr);
  else if (f->sent && f->sender_pid == ss_pid())
    ss_format(buf, n, "%s (raised by the process itself)", f->name);
  else if (f->sent)
    ss_format(buf, n, "%s (sent by process %d)", f->name, f->sender_pid);
  else
    ss_format(buf, n, "%s", f->name);
  return buf;
}

static void report_thread(const struct ss_fatal *f, struct snap *s) {
  /* A lock another thread re-initialised since is no longer this one's. */
  uint32_t kept = 0;
  for (uint32_t i = 0; i < s->n; i++)
    if (!ss_lock_stale(s->held[i].addr, s->held[i].gen))
      s->held[kept++] = s->held[i];
  s->total -= s->n - kept;
  s->n = kept;
  if (!s->total)
    return;
  const char *names[9];
  unsigned nn = 0;
  for (uint32_t i = 0; i < s->n; i++)
    ss_lock_lookup(s->held[i].addr, s->held[i].kind, s->held[i].site, NULL);
  for (uint32_t i = 0; i < s->n && nn < SS_ARRAY_SIZE(names) - 1; i++) {
    struct ss_lock l;
    if (ss_lock_snapshot(s->held[i].addr, &l) && l.name)
      names[nn++] = l.name;
  }
  names[nn] = NULL;
  const struct snap_held *inner = s->n ? &s->held[s->n - 1] : NULL;
  struct ss_report *r =
      ss_report_begin_names("lock-held-at-exit", SS_SEV_ERROR, inner ? inner->site : NULL,
                            names, (uintptr_t)s->tid + 1, (uintptr_t)(2 + f->sig));
  if (!r)
    return;
  char what[100];
  describe(f, what, sizeof(what));
  int signalled = s->tid == f->tid;
  if (signalled)
    ss_report_headline(r, "the process ends on %s in thread T%u, which holds %u lock%s", what,
                       s->tid, s->total, s->total == 1 ? "" : "s");
  else
    ss_report_headline(r, "the process ends on %s while thread T%u holds %u lock%s", what,
                       s->tid, s->total, s->total == 1 ? "" : "s");
  if (signalled && f->stack)
    ss_report_section_stack(r, NULL, f->stack, "%s in thread T%u at:", f->name, s->tid);
  uint32_t shown = 0;
  for (uint32_t i = 0; i < s->n; i++) {
    if (r->nsec + SECTIONS_PER_LOCK > SS_REPORT_MAX_SECTIONS)
      break;
    const struct snap_held *h = &s->held[i];
    char label[200];
    ss_lock_label(h->addr, h->kind, h->site, label, sizeof(label));
    if (h->depth)
      ss_report_section_stack(r, h->site, h->stack, "Held: %s, locked %u times, first acquired at",
                              label, h->depth + 1);
    else
      ss_report_section_stack(r, h->site, h->stack, "Held: %s%s, acquired at", label,
                              h->mode == SS_MODE_READ ? " (for reading)" : "");
    ss_report_lock_origin(r, h->addr);
    shown++;
  }
  if (shown < s->total)
    ss_buf_printf(&r->notes, "  ... and %u more held lock%s not shown\n", s->total - shown,
                  s->total - shown == 1 ? "" : "s");
  ss_report_thread(r, s->tid);
  ss_report_end(r);
}

SS_HIDDEN void ss_lock_fatal_signal(const struct ss_fatal *f) {
  nsnaps = threads_left_out = 0;
  int all = ss_lock_threads_try_foreach(copy_thread, NULL, REGISTRY_TRIES);
  if (!all)
    copy_thread(&ss_lock_self, 0, NULL);
  /* The signalled thread first: its report says where the signal came. */
  for (uint32_t i = 0; i < nsnaps; i++)
    if (snaps[i].tid == f->tid)
      report_thread(f, &snaps[i]);
  for (uint32_t i = 0; i < nsnaps; i++)
    if (snaps[i].tid != f->tid)
      report_thread(f, &snaps[i]);
  if (!all)
    ss_printf("==%d==syncsan: the thread registry was busy: the locks other threads hold "
              "as %s ends the process are not reported\n",
              ss_pid(), f->name);
  else if (threads_left_out)
    ss_printf("==%d==syncsan: %u more threads holding locks as %s ends the process are not "
              "reported\n",
              ss_pid(), threads_left_out, f->name);
}
