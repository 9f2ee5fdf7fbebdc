/* Report building, de-duplication, rendering and error accounting. */
#include "report.h"

#include <string.h>

#include "flags.h"
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

static uint64_t str_hash(const char *s) {
  uint64_t h = 0xcbf29ce484222325ull;
  for (; *s; s++)
    h = (h ^ (unsigned char)*s) * 0x100000001b3ull;
  return h;
}

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

static uint64_t sites_key(const struct ss_report *r) {
  uint64_t h = ss_mix64(~str_hash(r->check) ^ (uintptr_t)r->where);
  for (unsigned i = 0; i < r->nsec; i++)
    h = ss_mix64(h ^ (uintptr_t)r->sec[i].site) + i;
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

SS_HIDDEN void ss_report_section(struct ss_report *r, const struct syncsan_site *site,
                                 const char *fmt, ...) {
  if (r->nsec == SS_REPORT_MAX_SECTIONS)
    return;
  struct ss_report_section *s = &r->sec[r->nsec++];
  va_list ap;
  va_start(ap, fmt);
  ss_vformat(s->title, sizeof(s->title), fmt, ap);
  va_end(ap);
  s->site = site;
}

SS_HIDDEN void ss_report_thread(struct ss_report *r, uint32_t tid) {
  for (unsigned i = 0; i < r->nthreads; i++)
    if (r->threads[i] == tid)
      return;
  if (r->nthreads < SS_REPORT_MAX_THREADS)
    r->threads[r->nthreads++] = tid;
}

/* ---- rendering ---- */

static char out_data[16384]; /* guarded by report_lock */

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
  ss_buf_printf(b, "    #0 ");
  ss_buf_text(b, s->function, 0);
  /* An entry for a function pointer knows its operation, not its caller:
   * no place to print, no line to ask -g for. */
  if (!(s->flags & SYNCSAN_SITE_INDIRECT)) {
    ss_buf_printf(b, " ");
    ss_buf_text(b, ss_site_loc(s, loc, sizeof(loc)), 0);
  }
  ss_buf_printf(b, " (");
  ss_buf_text(b, what, 0);
  ss_buf_printf(b, s->line == 0 && !(s->flags & SYNCSAN_SITE_INDIRECT)
                       ? "; compile with -g for line numbers)\n"
                       : ")\n");
}

static void text_thread_name(struct ss_buf *b, const struct ss_thread_info *ti) {
  if (!ti->name[0])
    return;
  ss_buf_printf(b, " '");
  ss_buf_text(b, ti->name, 0);
  ss_buf_printf(b, "'");
}

static void render_text(struct ss_report *r, struct ss_buf *b) {
  int pid = ss_pid();
  ss_buf_printf(b, "=================================================================\n");
  ss_buf_printf(b, "==%d==%s: SyncSanitizer: %s: ", pid,
                r->sev == SS_SEV_ERROR ? "ERROR" : "WARNING", r->check);
  ss_buf_text(b, r->headline, 0);
  ss_buf_printf(b, "\n");
  for (unsigned i = 0; i < r->nsec; i++) {
    ss_buf_printf(b, "  ");
    ss_buf_text(b, r->sec[i].title, 0);
    ss_buf_printf(b, "%s\n", r->sec[i].site ? ":" : "");
    if (r->sec[i].site)
      text_frame(b, r->sec[i].site);
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
      ss_buf_printf(b, "  Thread T0 is the main thread\n");
      continue;
    }
    ss_buf_printf(b, "  Thread T%u", ti.tid);
    text_thread_name(b, &ti);
    if (ti.create_site) {
      ss_buf_printf(b, " created by T%u at:\n", ti.parent);
      text_frame(b, ti.create_site);
    } else {
      ss_buf_printf(b, " was not created by instrumented code\n");
    }
  }
  char loc[512];
  if (r->where && r->where->line)
    ss_format(loc, sizeof(loc), "%s:%u", r->where->file, r->where->line);
  else if (r->where)
    ss_format(loc, sizeof(loc), "%s", r->where->file);
  else
    ss_format(loc, sizeof(loc), "<unknown>");
  ss_buf_printf(b, "SUMMARY: SyncSanitizer: %s ", r->check);
  ss_buf_text(b, loc, 0);
  ss_buf_printf(b, " in ");
  ss_buf_text(b, r->where ? r->where->function : "<unknown>", 0);
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
    }
    ss_buf_printf(b, "}");
  }
  ss_buf_printf(b, "],\"notes\":");
  ss_buf_json_string(b, r->notes_data);
  if (r->where) {
    ss_buf_printf(b, ",\"location\":");
    json_site(b, r->where);
  }
  ss_buf_printf(b, "}\n");
}

SS_HIDDEN void ss_report_end(struct ss_report *r) {
  int fatal = r->sev == SS_SEV_ERROR;
  if (seen_before(sites_key(r))) {
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
