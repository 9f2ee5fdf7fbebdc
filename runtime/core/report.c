/* Report building, de-duplication, rendering and error accounting. */
#include "report.h"

#include <string.h>

#include "dynsite.h"
#include "flags.h"
#include "report_frames.h"
#include "suppress.h"
#include "thread.h"

static ss_spin_t report_lock SS_RUNTIME_LOCK;
static struct ss_report the_report; /* guarded by report_lock */
/* Errors found: printed, or past a cap (they still set the exit status).
 * Written under report_lock, read without it. */
static unsigned long errors_printed, errors_capped; /* atomic */

/* ---- each distinct problem once ----
 * A report repeats an earlier one when it has the same check and the same
 * objects (key1, key2: the locks, classes or thread involved), known when
 * it begins; or when it reads the same, check and sites: the site it is
 * about and the sites of its sections, in order, known when it ends. The
 * second kind is what makes one line that unlocks a million different
 * never-locked mutexes one report instead of a million: the objects differ,
 * the report's sites do not. (Two different lock cycles through one helper
 * function at -O0 differ in their lengths, or, once stacks are captured,
 * in their sites.) One open-addressed set of hashes holds both kinds of
 * key. Full set: we keep reporting (duplicates are better than silence,
 * and the caps below still bound the output) and warn once. */
#define SEEN_CAP 4096
static uint64_t seen[SEEN_CAP]; /* guarded by report_lock; 0 = empty */
static int seen_full_warned;

static uint64_t str_hash(const char *s) { return ss_fnv1a(SS_FNV_SEED, s); }

/* 1 when h was seen before; else remembers it. */
static int seen_before(uint64_t h) {
  h |= 1; /* 0 marks an empty slot */
  for (unsigned i = 0; i < SEEN_CAP; i++) {
    uint64_t *slot = &seen[(h + i) & (SEEN_CAP - 1)];
    if (*slot == h)
      return 1;
    if (*slot == 0) {
      *slot = h;
      return 0;
    }
  }
  ss_warn_once(&seen_full_warned,
               "report de-duplication table full (%d entries); repeated "
               "problems may be reported again\n",
               SEEN_CAP);
  return 0;
}

static uint64_t objects_key(const char *check, uintptr_t k1, uintptr_t k2) {
  return ss_mix64(str_hash(check) ^ ss_mix64(k1 ^ ss_mix64(k2)));
}

/* Each section's place: its first frame outside lock wrappers
 * (report_frames.c), which is its site unless wrappers are involved. */
static struct ss_rframes scratch; /* guarded by report_lock */

static uint64_t sites_key(const struct ss_report *r, uint64_t where_key) {
  uint64_t h = ss_mix64(~str_hash(r->check) ^ where_key);
  for (unsigned i = 0; i < r->nsec; i++)
    h = ss_mix64(h ^ ss_user_frame_key(r->sec[i].site, r->sec[i].stack, &scratch)) + i;
  return ss_mix64(h ^ r->nsec);
}

/* ---- caps ----
 * Past max_reports_per_check reports of one check, or max_reports in all,
 * problems are counted, not printed: a program that breaks a rule in a
 * loop over ever new objects and sites cannot flood the log (log_path
 * files stay bounded too). The exit line says how many were left out. */
#define MAX_CHECKS 64
static struct {
  const char *check;
  unsigned long printed;
} per_check[MAX_CHECKS];                 /* guarded by report_lock */
static unsigned long printed_total;      /* guarded by report_lock */
static unsigned long capped_total;       /* atomic */

/* 1 when one more report of check may be printed (and counts it). */
static int within_caps(const char *check) {
  long all = ss_flags.max_reports, each = ss_flags.max_reports_per_check;
  unsigned i;
  for (i = 0; i < MAX_CHECKS && per_check[i].check; i++)
    if (!strcmp(per_check[i].check, check))
      break;
  if (i < MAX_CHECKS && !per_check[i].check)
    per_check[i].check = check;
  if (all && printed_total >= (unsigned long)all)
    return 0;
  if (each && i < MAX_CHECKS && per_check[i].printed >= (unsigned long)each)
    return 0;
  printed_total++;
  if (i < MAX_CHECKS)
    per_check[i].printed++;
  return 1;
}

SS_HIDDEN unsigned long ss_reports_capped(void) {
  return __atomic_load_n(&capped_total, __ATOMIC_RELAXED);
}

SS_HIDDEN const char *ss_site_loc(const struct syncsan_site *s, char *buf, size_t n) {
  if (!s)
    ss_format(buf, n, "<unknown>");
  else if (s->line == 0)
    ss_format(buf, n, "%s", s->file);
  else if (s->column == 0)
    ss_format(buf, n, "%s:%u", s->file, s->line);
  else
    ss_format(buf, n, "%s:%u:%u", s->file, s->line, s->column);
  return buf;
}

SS_HIDDEN struct ss_report *ss_report_begin(const char *check, enum ss_severity sev,
                                            const struct syncsan_site *where,
                                            uintptr_t key1, uintptr_t key2) {
  return ss_report_begin_names(check, sev, where, NULL, key1, key2);
}

SS_HIDDEN struct ss_report *ss_report_begin_names(const char *check, enum ss_severity sev,
                                                  const struct syncsan_site *where,
                                                  const char *const *names,
                                                  uintptr_t key1, uintptr_t key2) {
  /* A dynamic site names its function once symbolized: suppressions
   * match that name. */
  ss_dynsite_resolve(where);
  if (ss_suppressed_names(check, where, names))
    return NULL;
  ss_spin_lock(&report_lock);
  if (seen_before(objects_key(check, key1, key2))) {
    ss_spin_unlock(&report_lock);
    return NULL;
  }
  struct ss_report *r = &the_report;
  r->check = check;
  r->sev = sev;
  r->headline[0] = 0;
  r->nsec = 0;
  r->nthreads = 0;
  r->notes.data = r->notes_data;
  r->notes.size = sizeof(r->notes_data);
  r->notes.len = 0;
  r->notes_data[0] = 0;
  r->where = where;
  return r;
}

SS_HIDDEN void ss_report_headline(struct ss_report *r, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  ss_vformat(r->headline, sizeof(r->headline), fmt, ap);
  va_end(ap);
}

static void add_section(struct ss_report *r, const struct syncsan_site *site,
                        ss_stack_id stack, int here, const char *fmt, va_list ap) {
  if (r->nsec == SS_REPORT_MAX_SECTIONS)
    return;
  struct ss_report_section *s = &r->sec[r->nsec++];
  ss_vformat(s->title, sizeof(s->title), fmt, ap);
  s->site = site;
  s->stack = stack;
  s->here = (uint8_t)here;
}

SS_HIDDEN void ss_report_section(struct ss_report *r, const struct syncsan_site *site,
                                 const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  add_section(r, site, 0, 0, fmt, ap);
  va_end(ap);
}

SS_HIDDEN void ss_report_section_stack(struct ss_report *r, const struct syncsan_site *site,
                                       ss_stack_id stack, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  add_section(r, site, stack, 0, fmt, ap);
  va_end(ap);
}

SS_HIDDEN void ss_report_section_here(struct ss_report *r, const struct syncsan_site *site,
                                      const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  add_section(r, site, 0, 1, fmt, ap);
  va_end(ap);
}

SS_HIDDEN void ss_report_thread(struct ss_report *r, uint32_t tid) {
  for (unsigned i = 0; i < r->nthreads; i++)
    if (r->threads[i] == tid)
      return;
  if (r->nthreads < SS_REPORT_MAX_THREADS)
    r->threads[r->nthreads++] = tid;
}

/* ---- rendering ---- */

/* Room for a few sections' full stacks; JSON that does not fit is cut to
 * the part that always does (render_json), text to its first 64 KiB. */
static char out_data[65536]; /* guarded by report_lock */
/* Each section's frames, and one thread's, built once per report. */
static struct ss_rframes sec_frames[SS_REPORT_MAX_SECTIONS]; /* guarded by report_lock */
static struct ss_rframes thread_frames;                       /* guarded by report_lock */

/* ---- colour ----
 * As the sanitizers colour their reports: the header line bold red for an
 * error, bold magenta for a warning; section titles blue, thread
 * descriptions cyan, the function of each frame bold. Only text reports
 * on a terminal (color=auto), or any text report (color=always); never
 * JSON, never a log file. */
static int colour; /* this report is coloured; guarded by report_lock */
#define C_RESET "\033[0m"
#define C_RED "\033[1m\033[31m"
#define C_MAGENTA "\033[1m\033[35m"
#define C_BLUE "\033[34m"
#define C_CYAN "\033[36m"
#define C_BOLD "\033[1m"
static const char *col(const char *code) { return colour ? code : ""; }

static int colour_wanted(void) {
  const char *c = ss_flags.color;
  if (!strcmp(c, "never") || ss_log_json())
    return 0;
  if (!strcmp(c, "always"))
    return 1;
  return ss_log_isatty();
}

/* What a frame says it does: the operation, or the wrapper the user called. */
static void site_what(const struct syncsan_site *s, char *buf, size_t n) {
  if (s->flags & SYNCSAN_SITE_CALLER)
    ss_format(buf, n, "via %s", s->object ? s->object : "a library wrapper");
  else if (s->flags & SYNCSAN_SITE_INDIRECT)
    ss_format(buf, n, "%s through a function pointer", ss_op_name(s->op));
  else
    ss_format(buf, n, "%s", ss_op_name(s->op));
}

/* Text rendering escapes every string (format.c): site names and thread
 * names come from the program, and the headline, titles and notes embed
 * names; a report must stay the lines it is. */
static void text_frame(struct ss_buf *b, const struct syncsan_site *s) {
  char loc[512], what[300];
  site_what(s, what, sizeof(what));
  ss_buf_printf(b, "    #0 %s", col(C_BOLD));
  ss_buf_text(b, s->function, 0);
  ss_buf_printf(b, "%s", col(C_RESET));
  /* An entry for a function pointer knows its operation, not its caller:
   * no place to print, no line to ask -g for. */
  if (!(s->flags & SYNCSAN_SITE_INDIRECT)) {
    ss_buf_printf(b, " ");
    ss_buf_text(b, ss_site_loc(s, loc, sizeof(loc)), 0);
  }
  ss_buf_printf(b, " (");
  ss_buf_text(b, what, 0);
  int no_line = s->line == 0 && !(s->flags & (SYNCSAN_SITE_INDIRECT | SYNCSAN_SITE_DYNAMIC));
  ss_buf_printf(b, no_line ? "; compile with -g for line numbers)\n" : ")\n");
}

/* A frame's offset as printed: the return address's own, as its pc is
 * (the symbolizer was asked about the byte before it, inside the call). */
static uintptr_t shown_offset(const struct ss_rframe *r) { return r->pc ? r->f.offset + 1 : 0; }

/* "#N function file:line:col", or "#N 0xPC (module+0xOFF)" without a name. */
static void text_stack_frame(struct ss_buf *b, unsigned idx, const struct ss_rframe *r) {
  const struct ss_frame *f = &r->f;
  int named = f->function && strcmp(f->function, "??");
  ss_buf_printf(b, "    #%u ", idx);
  if (named) {
    ss_buf_printf(b, "%s", col(C_BOLD));
    ss_buf_text(b, f->function, 0);
    ss_buf_printf(b, "%s", col(C_RESET));
  } else {
    ss_buf_printf(b, "0x%zx", (size_t)r->pc);
  }
  if (f->file) {
    ss_buf_printf(b, " ");
    ss_buf_text(b, f->file, 0);
    if (f->line)
      ss_buf_printf(b, ":%u", f->line);
    if (f->line && f->column)
      ss_buf_printf(b, ":%u", f->column);
  } else if (f->module) {
    ss_buf_printf(b, " (");
    ss_buf_text(b, f->module, 0);
    ss_buf_printf(b, "+0x%zx)", (size_t)shown_offset(r));
  }
  ss_buf_printf(b, "\n");
}

static void text_frames(struct ss_buf *b, const struct ss_rframes *fr) {
  for (unsigned i = 0; i < fr->n; i++) {
    if (fr->fr[i].site)
      text_frame(b, fr->fr[i].site);
    else
      text_stack_frame(b, i, &fr->fr[i]);
  }
}

static void text_thread_name(struct ss_buf *b, const struct ss_thread_info *ti) {
  if (!ti->name[0])
    return;
  ss_buf_printf(b, " '");
  ss_buf_text(b, ti->name, 0);
  ss_buf_printf(b, "'");
}

/* The SUMMARY's place: the frame of the first section about `where` (the
 * one with its stack), else where itself; NULL frames: none. */
static const struct ss_rframe *summary_frame(const struct ss_report *r, int *sec) {
  *sec = -1;
  for (unsigned i = 0; i < r->nsec; i++)
    if (r->sec[i].site && r->sec[i].site == r->where && sec_frames[i].n) {
      *sec = (int)i;
      return &sec_frames[i].fr[sec_frames[i].user];
    }
  return NULL;
}

static void summary_loc(const struct ss_report *r, char *loc, size_t n, const char **fn) {
  int sec;
  const struct ss_rframe *u = summary_frame(r, &sec);
  const struct syncsan_site *w = u && u->site ? u->site : u ? NULL : r->where;
  if (u && !u->site) {
    const struct ss_frame *f = &u->f;
    if (f->file && f->line)
      ss_format(loc, n, "%s:%u", f->file, f->line);
    else if (f->file)
      ss_format(loc, n, "%s", f->file);
    else if (f->module)
      ss_format(loc, n, "(%s+0x%zx)", f->module, (size_t)shown_offset(u));
    else
      ss_format(loc, n, "<unknown>");
    *fn = f->function ? f->function : "??";
    return;
  }
  if (w && w->line)
    ss_format(loc, n, "%s:%u", w->file, w->line);
  else if (w)
    ss_format(loc, n, "%s", w->file);
  else
    ss_format(loc, n, "<unknown>");
  *fn = w ? w->function : "<unknown>";
}

static void render_text(struct ss_report *r, struct ss_buf *b) {
  int pid = ss_pid();
  ss_buf_printf(b, "=================================================================\n");
  ss_buf_printf(b, "%s==%d==%s: SyncSanitizer: %s: ",
                col(r->sev == SS_SEV_ERROR ? C_RED : C_MAGENTA), pid,
                r->sev == SS_SEV_ERROR ? "ERROR" : "WARNING", r->check);
  ss_buf_text(b, r->headline, 0);
  ss_buf_printf(b, "%s\n", col(C_RESET));
  for (unsigned i = 0; i < r->nsec; i++) {
    ss_buf_printf(b, "  %s", col(C_BLUE));
    ss_buf_text(b, r->sec[i].title, 0);
    ss_buf_printf(b, "%s%s\n", r->sec[i].site ? ":" : "", col(C_RESET));
    text_frames(b, &sec_frames[i]);
  }
  if (r->notes.len) {
    ss_buf_text(b, r->notes_data, 1);
    if (r->notes_data[r->notes.len - 1] != '\n')
      ss_buf_printf(b, "\n");
  }
  for (unsigned i = 0; i < r->nthreads; i++) {
    struct ss_thread_info ti;
    if (!ss_thread_info(r->threads[i], &ti))
      continue;
    if (ti.tid == 0) {
      ss_buf_printf(b, "  %sThread T0 is the main thread%s\n", col(C_CYAN), col(C_RESET));
      continue;
    }
    ss_buf_printf(b, "  %sThread T%u", col(C_CYAN), ti.tid);
    text_thread_name(b, &ti);
    if (ti.create_site) {
      ss_buf_printf(b, " created by T%u at:%s\n", ti.parent, col(C_RESET));
      ss_rframes_build(&thread_frames, ti.create_site, ti.create_stack);
      text_frames(b, &thread_frames);
    } else {
      ss_buf_printf(b, " was not created by instrumented code%s\n", col(C_RESET));
    }
  }
  char loc[512];
  const char *fn;
  summary_loc(r, loc, sizeof(loc), &fn);
  ss_buf_printf(b, "SUMMARY: SyncSanitizer: %s ", r->check);
  ss_buf_text(b, loc, 0);
  ss_buf_printf(b, " in ");
  ss_buf_text(b, fn, 0);
  ss_buf_printf(b, "\n");
  ss_buf_printf(b, "=================================================================\n");
}

static void json_site(struct ss_buf *b, const struct syncsan_site *s) {
  ss_buf_printf(b, "{\"function\":");
  ss_buf_json_string(b, s->function);
  ss_buf_printf(b, ",\"file\":");
  ss_buf_json_string(b, s->file);
  char what[300];
  site_what(s, what, sizeof(what));
  ss_buf_printf(b, ",\"line\":%u,\"column\":%u,\"operation\":", s->line, s->column);
  ss_buf_json_string(b, what);
  ss_buf_printf(b, "}");
}

static void json_stack_frame(struct ss_buf *b, const struct ss_rframe *r) {
  const struct ss_frame *f = &r->f;
  ss_buf_printf(b, "{\"pc\":\"0x%zx\",\"function\":", (size_t)r->pc);
  ss_buf_json_string(b, f->function ? f->function : "??");
  if (f->file) {
    ss_buf_printf(b, ",\"file\":");
    ss_buf_json_string(b, f->file);
    ss_buf_printf(b, ",\"line\":%u,\"column\":%u", f->line, f->column);
  }
  if (f->module) {
    ss_buf_printf(b, ",\"module\":");
    ss_buf_json_string(b, f->module);
    ss_buf_printf(b, ",\"offset\":\"0x%zx\"", (size_t)shown_offset(r));
  }
  ss_buf_printf(b, "%s}", r->inlined ? ",\"inlined\":true" : "");
}

/* The frames above the site (#1 and on), innermost first. */
static void json_frames(struct ss_buf *b, const struct ss_rframes *fr) {
  ss_buf_printf(b, ",\"frames\":[");
  unsigned printed = 0;
  for (unsigned i = 0; i < fr->n; i++) {
    if (fr->fr[i].site)
      continue;
    ss_buf_printf(b, "%s", printed++ ? "," : "");
    json_stack_frame(b, &fr->fr[i]);
  }
  ss_buf_printf(b, "]");
}

/* The whole report, or (whole = 0) what always fits the buffer: the
 * headline is at most 400 bytes, and so at most 2400 escaped. */
static void render_json(struct ss_report *r, struct ss_buf *b, int whole) {
  ss_buf_printf(b, "{\"tool\":\"syncsan\",\"pid\":%d,\"severity\":\"%s\",\"check\":", ss_pid(),
                r->sev == SS_SEV_ERROR ? "error" : "warning");
  ss_buf_json_string(b, r->check);
  ss_buf_printf(b, ",\"message\":");
  ss_buf_json_string(b, r->headline);
  if (!whole) {
    ss_buf_printf(b, ",\"truncated\":true}\n");
    return;
  }
  ss_buf_printf(b, ",\"sections\":[");
  for (unsigned i = 0; i < r->nsec; i++) {
    ss_buf_printf(b, "%s{\"title\":", i ? "," : "");
    ss_buf_json_string(b, r->sec[i].title);
    if (r->sec[i].site) {
      ss_buf_printf(b, ",\"site\":");
      json_site(b, r->sec[i].site);
    }
    json_frames(b, &sec_frames[i]);
    ss_buf_printf(b, "}");
  }
  ss_buf_printf(b, "],\"threads\":[");
  unsigned printed = 0;
  for (unsigned i = 0; i < r->nthreads; i++) {
    struct ss_thread_info ti;
    if (!ss_thread_info(r->threads[i], &ti))
      continue;
    ss_buf_printf(b, "%s{\"id\":%u,\"parent\":%u,\"name\":", printed++ ? "," : "", ti.tid,
                  ti.parent);
    ss_buf_json_string(b, ti.name);
    if (ti.create_site) {
      ss_buf_printf(b, ",\"created_at\":");
      json_site(b, ti.create_site);
      ss_rframes_build(&thread_frames, ti.create_site, ti.create_stack);
      json_frames(b, &thread_frames);
    }
    ss_buf_printf(b, "}");
  }
  ss_buf_printf(b, "],\"notes\":");
  ss_buf_json_string(b, r->notes_data);
  int sec;
  const struct ss_rframe *u = summary_frame(r, &sec);
  if (u && !u->site) {
    ss_buf_printf(b, ",\"location\":");
    json_stack_frame(b, u);
  } else if (u || r->where) {
    ss_buf_printf(b, ",\"location\":");
    json_site(b, u ? u->site : r->where);
  }
  ss_buf_printf(b, "}\n");
}

/* The current operation's stack, for the sections about it. */
static void capture_here(struct ss_report *r) {
  for (unsigned i = 0; i < r->nsec; i++)
    if (r->sec[i].here && !r->sec[i].stack) {
      r->sec[i].stack = ss_stack_capture_site(r->sec[i].site, ss_self.hook_pc);
      r->sec[i].here = 0;
    }
}

static uint64_t where_key(const struct ss_report *r) {
  for (unsigned i = 0; i < r->nsec; i++)
    if (r->sec[i].site && r->sec[i].site == r->where)
      return ss_user_frame_key(r->where, r->sec[i].stack, &scratch);
  return (uintptr_t)r->where;
}

SS_HIDDEN void ss_report_end(struct ss_report *r) {
  int fatal = r->sev == SS_SEV_ERROR;
  /* A capture costs microseconds: one that cannot change whether the
   * report repeats an earlier one waits until it is known to print (a
   * loop of one bug over a million objects captures once). */
  if (ss_wrappers_known())
    capture_here(r);
  if (seen_before(sites_key(r, where_key(r)))) {
    ss_spin_unlock(&report_lock);
    return;
  }
  if (!within_caps(r->check)) {
    __atomic_fetch_add(&capped_total, 1, __ATOMIC_RELAXED);
    if (fatal)
      __atomic_fetch_add(&errors_capped, 1, __ATOMIC_RELAXED);
    ss_spin_unlock(&report_lock);
    return;
  }
  capture_here(r);
  for (unsigned i = 0; i < r->nsec; i++)
    ss_rframes_build(&sec_frames[i], r->sec[i].site, r->sec[i].stack);
  colour = colour_wanted();
  struct ss_buf b = {out_data, sizeof(out_data), 0};
  if (ss_log_json()) {
    render_json(r, &b, 1);
    if (b.len >= b.size - 1) { /* cut JSON is no JSON: the part that fits */
      b.len = 0;
      render_json(r, &b, 0);
    }
  } else {
    render_text(r, &b);
  }
  if (b.len >= b.size - 1) {
    /* Truncated text: end it with a newline. */
    out_data[b.size - 2] = '\n';
    b.len = b.size - 1;
  }
  ss_log_write(out_data, b.len);
  if (fatal) /* read without the lock by ss_error_count */
    __atomic_fetch_add(&errors_printed, 1, __ATOMIC_RELAXED);
  ss_spin_unlock(&report_lock);
  if (fatal && ss_flags.halt_on_error)
    ss_die();
}

SS_HIDDEN unsigned long ss_error_count(void) {
  return __atomic_load_n(&errors_printed, __ATOMIC_RELAXED) +
         __atomic_load_n(&errors_capped, __ATOMIC_RELAXED);
}

SS_HIDDEN unsigned long ss_errors_printed(void) {
  return __atomic_load_n(&errors_printed, __ATOMIC_RELAXED);
}

SS_HIDDEN void ss_report_fork_child(void) {
  /* The child's exit status is about the child: the parent's errors are
   * the parent's (its own exit says so). Problems already reported stay
   * de-duplicated (the log has them), and what was printed still counts
   * against the caps. */
  __atomic_store_n(&errors_printed, 0, __ATOMIC_RELAXED);
  __atomic_store_n(&errors_capped, 0, __ATOMIC_RELAXED);
  __atomic_store_n(&capped_total, 0, __ATOMIC_RELAXED);
}
