/* Report building, de-duplication, rendering and error accounting. */
#include "report.h"

#include <string.h>

#include "flags.h"
#include "suppress.h"
#include "thread.h"

static ss_spin_t report_lock SS_RUNTIME_LOCK;
static struct ss_report the_report; /* guarded by report_lock */
static unsigned long error_count;   /* atomic */

/* ---- each distinct problem once ----
 * An open-addressed set of (check, key1, key2) hashes. Full set: we keep
 * reporting (duplicates are better than silence) and warn once. */
#define SEEN_CAP 4096
static uint64_t seen[SEEN_CAP]; /* guarded by report_lock; 0 = empty */
static int seen_full_warned;

static int seen_before(const char *check, uintptr_t k1, uintptr_t k2) {
  uint64_t h = ss_mix64((uintptr_t)check ^ ss_mix64(k1 ^ ss_mix64(k2))) | 1;
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
  if (seen_before(check, key1, key2)) {
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

static void text_frame(struct ss_buf *b, const struct syncsan_site *s) {
  char loc[512], what[300];
  site_what(s, what, sizeof(what));
  /* An entry for a function pointer knows its operation, not its caller:
   * no line to ask -g for. */
  if (s->flags & SYNCSAN_SITE_INDIRECT)
    ss_buf_printf(b, "    #0 %s (%s)\n", s->function, what);
  else if (s->line == 0)
    ss_buf_printf(b, "    #0 %s %s (%s; compile with -g for line numbers)\n", s->function,
                  ss_site_loc(s, loc, sizeof(loc)), what);
  else
    ss_buf_printf(b, "    #0 %s %s (%s)\n", s->function, ss_site_loc(s, loc, sizeof(loc)),
                  what);
}

static void render_text(struct ss_report *r, struct ss_buf *b) {
  int pid = ss_pid();
  ss_buf_printf(b, "=================================================================\n");
  ss_buf_printf(b, "==%d==%s: SyncSanitizer: %s: %s\n", pid,
                r->sev == SS_SEV_ERROR ? "ERROR" : "WARNING", r->check, r->headline);
  for (unsigned i = 0; i < r->nsec; i++) {
    ss_buf_printf(b, "  %s%s\n", r->sec[i].title, r->sec[i].site ? ":" : "");
    if (r->sec[i].site)
      text_frame(b, r->sec[i].site);
  }
  if (r->notes.len)
    ss_buf_printf(b, "%s%s", r->notes_data,
                  r->notes_data[r->notes.len - 1] == '\n' ? "" : "\n");
  for (unsigned i = 0; i < r->nthreads; i++) {
    struct ss_thread_info ti;
    if (!ss_thread_info(r->threads[i], &ti))
      continue;
    if (ti.tid == 0) {
      ss_buf_printf(b, "  Thread T0 is the main thread\n");
      continue;
    }
    if (ti.create_site) {
      ss_buf_printf(b, "  Thread T%u%s%s%s created by T%u at:\n", ti.tid,
                    ti.name[0] ? " '" : "", ti.name, ti.name[0] ? "'" : "", ti.parent);
      text_frame(b, ti.create_site);
    } else {
      ss_buf_printf(b, "  Thread T%u%s%s%s was not created by instrumented code\n",
                    ti.tid, ti.name[0] ? " '" : "", ti.name, ti.name[0] ? "'" : "");
    }
  }
  char loc[512];
  if (r->where && r->where->line)
    ss_format(loc, sizeof(loc), "%s:%u", r->where->file, r->where->line);
  else if (r->where)
    ss_format(loc, sizeof(loc), "%s", r->where->file);
  else
    ss_format(loc, sizeof(loc), "<unknown>");
  ss_buf_printf(b, "SUMMARY: SyncSanitizer: %s %s in %s\n", r->check, loc,
                r->where ? r->where->function : "<unknown>");
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

static void render_json(struct ss_report *r, struct ss_buf *b) {
  ss_buf_printf(b, "{\"tool\":\"syncsan\",\"pid\":%d,\"severity\":\"%s\",\"check\":", ss_pid(),
                r->sev == SS_SEV_ERROR ? "error" : "warning");
  ss_buf_json_string(b, r->check);
  ss_buf_printf(b, ",\"message\":");
  ss_buf_json_string(b, r->headline);
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
  struct ss_buf b = {out_data, sizeof(out_data), 0};
  if (ss_flags.log_format && !strcmp(ss_flags.log_format, "json"))
    render_json(r, &b);
  else
    render_text(r, &b);
  if (b.len >= b.size - 1) {
    /* Truncated: keep the output parseable by ending it with a newline. */
    out_data[b.size - 2] = '\n';
    b.len = b.size - 1;
  }
  ss_log_write(out_data, b.len);
  int fatal = r->sev == SS_SEV_ERROR;
  if (fatal) /* read without the lock by ss_error_count */
    __atomic_fetch_add(&error_count, 1, __ATOMIC_RELAXED);
  ss_spin_unlock(&report_lock);
  if (fatal && ss_flags.halt_on_error)
    ss_die();
}

SS_HIDDEN unsigned long ss_error_count(void) {
  return __atomic_load_n(&error_count, __ATOMIC_RELAXED);
}

SS_HIDDEN void ss_report_fork_child(void) {
  /* The child's exit status is about the child: the parent's errors are
   * the parent's (its own exit says so). Problems already reported stay
   * de-duplicated: the log has them. */
  __atomic_store_n(&error_count, 0, __ATOMIC_RELAXED);
}
