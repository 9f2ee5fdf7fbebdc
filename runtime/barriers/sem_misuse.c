/* sem-uninitialized and sem-destroy-in-use (sem_misuse.h).
 *
 * "Never initialised" is said only when it is certain: the program has the
 * interposers (so every sem_init and sem_open in the process, from any
 * code, reaches the runtime) and the semaphore's memory is not shared with
 * another process (a MAP_SHARED mapping: another process may have
 * initialised it there). A static program, or a semaphore in shared
 * memory, used without an init this process saw, is taken as initialised
 * elsewhere: adopted, and left out of the stall check (who posts it is not
 * known). A destroyed semaphore is always reported. */
#include "sem_misuse.h"

#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "core/real.h"
#include "core/report.h"
#include "core/thread.h"

SS_HIDDEN const char *ss_sem_label(uintptr_t s, const struct ss_sem_info *i, char *buf,
                                   size_t n) {
  if (i && i->id)
    ss_format(buf, n, "semaphore S%u%s%s%s (%p)", i->id, i->name ? " '" : "",
              i->name ? i->name : "", i->name ? "'" : "", (void *)s);
  else
    ss_format(buf, n, "semaphore %p", (void *)s);
  return buf;
}

static uintptr_t hex(const char **p) {
  uintptr_t v = 0;
  for (;; ++*p) {
    char c = **p;
    if (c >= '0' && c <= '9')
      v = v * 16 + (uintptr_t)(c - '0');
    else if (c >= 'a' && c <= 'f')
      v = v * 16 + (uintptr_t)(c - 'a' + 10);
    else
      return v;
  }
}

/* Whether addr lies in a shared mapping (/proc/self/maps: "lo-hi rw-s
 * ..."). In doubt (no /proc), it does: nothing is reported then. Reads
 * the file in pieces, line by line, with no malloc. */
static int in_shared_mapping(uintptr_t addr) {
  int fd = open("/proc/self/maps", O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return 1;
  char buf[4096];
  size_t have = 0;
  int shared = 0, found = 0;
  for (;;) {
    ssize_t n = read(fd, buf + have, sizeof(buf) - 1 - have);
    if (n <= 0)
      break;
    have += (size_t)n;
    buf[have] = 0;
    char *line = buf, *nl;
    while ((nl = memchr(line, '\n', (size_t)(buf + have - line))) != NULL) {
      *nl = 0;
      const char *p = line;
      uintptr_t lo = hex(&p);
      if (*p == '-') {
        p++;
        uintptr_t hi = hex(&p);
        if (addr >= lo && addr < hi && p[0] == ' ' && p[1] && p[2] && p[3] && p[4]) {
          shared = p[4] == 's';
          found = 1;
        }
      }
      line = nl + 1;
      if (found)
        break;
    }
    if (found)
      break;
    /* Keep the partial last line for the next read; a line longer than
     * the buffer (a very long path) is dropped. */
    size_t rest = (size_t)(buf + have - line);
    if (rest == sizeof(buf) - 1)
      rest = 0;
    memmove(buf, line, rest);
    have = rest;
  }
  close(fd);
  return found ? shared : 1;
}

/* Sites are the operation's; the report is about the caller's line. */
SS_COLD static void report_uninit(uint32_t tid, sem_t *s, const struct ss_sem_info *i,
                                  const struct syncsan_site *site, const char *what) {
  const char *names[] = {i ? i->name : ss_site_object(site), NULL};
  struct ss_report *r = ss_report_begin_names("sem-uninitialized", SS_SEV_ERROR, site, names,
                                              (uintptr_t)site, (uintptr_t)s);
  if (!r)
    return;
  char label[200];
  const char *global = ss_site_object(site);
  if (!i && global)
    ss_format(label, sizeof(label), "semaphore '%s' (%p)", global, (void *)s);
  else
    ss_sem_label((uintptr_t)s, i, label, sizeof(label));
  if (!s)
    ss_report_headline(r, "thread T%u %s a null semaphore", tid, what);
  else if (!i)
    ss_report_headline(r, "thread T%u %s %s, which was never initialised (no sem_init or "
                          "sem_open of it was seen)",
                       tid, what, label);
  else
    ss_report_headline(r, "thread T%u %s %s, which was %s and not initialised again", tid,
                       what, label, i->state == SS_SEM_CLOSED ? "closed" : "destroyed");
  ss_report_section_here(r, site, "Use by thread T%u", tid);
  if (i) {
    ss_report_section(r, i->destroy_site, "semaphore S%u was %s at", i->id,
                      i->state == SS_SEM_CLOSED ? "closed" : "destroyed");
    if (i->init_site)
      ss_report_section(r, i->init_site, "semaphore S%u was initialised at", i->id);
  }
  ss_report_thread(r, tid);
  ss_report_end(r);
}

SS_HIDDEN void ss_sem_not_live(uint32_t tid, sem_t *s, enum ss_sem_state state,
                               const struct syncsan_site *site, const char *what, int adopt) {
  site = ss_site(site);
  if (!s) {
    report_uninit(tid, s, NULL, site, what);
    return;
  }
  struct ss_sem_info info;
  int shared = 1;
  if (state == SS_SEM_UNKNOWN) {
    if (ss_interposers_linked() && !in_shared_mapping((uintptr_t)s)) {
      shared = 0;
      report_uninit(tid, s, NULL, site, what);
    }
  } else if (ss_sem_peek((uintptr_t)s, &info)) {
    report_uninit(tid, s, &info, site, what);
  }
  /* A destroyed one stays so until an init: each later use is reported
   * too (once per place). One never seen gets a record, so that the
   * checks go on with it. */
  if (!adopt || state != SS_SEM_UNKNOWN)
    return;
  int value = 0;
  if (sem_getvalue(s, &value) != 0)
    value = 0;
  ss_sem_adopt((uintptr_t)s, value > 0 ? (unsigned)value : 0, shared);
}

struct waiter_probe {
  uintptr_t sem;
  uint32_t n, tids[4];
  const struct syncsan_site *sites[4];
};

static void probe_waiter(struct ss_thread *t, uint32_t slot, void *arg) {
  (void)slot;
  struct waiter_probe *p = arg;
  uint32_t kind = __atomic_load_n(&t->block_kind, __ATOMIC_ACQUIRE);
  if (SS_BLOCK_KIND(kind) != SS_BLOCK_SEM ||
      __atomic_load_n(&t->block_obj, __ATOMIC_RELAXED) != p->sem || p->n == 4)
    return;
  p->tids[p->n] = t->tid;
  p->sites[p->n++] = t->block_site;
}

SS_HIDDEN void ss_sem_report_in_use(uint32_t tid, uintptr_t s, const struct ss_sem_info *prev,
                                    const struct syncsan_site *site, const char *what) {
  site = ss_site(site);
  struct waiter_probe p = {s, 0, {0}, {0}};
  ss_threads_foreach(probe_waiter, &p);
  const char *names[] = {prev->name, NULL};
  struct ss_report *r = ss_report_begin_names("sem-destroy-in-use", SS_SEV_ERROR, site, names,
                                              (uintptr_t)site, s);
  if (!r)
    return;
  char label[200];
  ss_sem_label(s, prev, label, sizeof(label));
  ss_report_headline(r, "thread T%u %s %s while %u thread%s blocked waiting on it", tid, what,
                     label, prev->blocked, prev->blocked == 1 ? " is" : "s are");
  const char *noun = what[0] == 'd'   ? "Destruction"
                     : what[0] == 'r' ? "Re-initialisation"
                                      : "Close";
  ss_report_section_here(r, site, "%s by thread T%u", noun, tid);
  for (uint32_t i = 0; i < p.n; i++)
    ss_report_section(r, p.sites[i], "Thread T%u waits on it, at", p.tids[i]);
  if (prev->init_site)
    ss_report_section(r, prev->init_site, "semaphore S%u was initialised at", prev->id);
  ss_report_thread(r, tid);
  for (uint32_t i = 0; i < p.n; i++)
    ss_report_thread(r, p.tids[i]);
  ss_report_end(r);
}
