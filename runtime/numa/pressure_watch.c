/* Pressure handlers (pressure_watch.h, syncsan_on_pressure in
 * <syncsan/syncsan.h>).
 *
 * The table only grows and an entry is filled before the count that
 * publishes it, so the monitor reads it without a lock. Each handler's
 * crossing state (whether each resource was at or above its level at the
 * last look) belongs to the monitor thread alone; it starts at "below",
 * so a handler registered while a resource is already under pressure is
 * called at the first look. */
#include "numa/pressure_watch.h"

#include <string.h>

#include "core/monitor.h"
#include "numa/context_flags.h"
#include "numa/pressure_read.h"

#define MAX_HANDLERS 8
#define NRES 3

static struct {
  int level;
  syncsan_pressure_fn fn;
  void *arg;
  uint8_t above[NRES]; /* monitor thread only */
} handlers[MAX_HANDLERS];
static uint32_t nhandlers;
static ss_spin_t handlers_lock SS_RUNTIME_LOCK;
static uint64_t last_look_ms; /* monitor thread only */

SS_HIDDEN int ss_pressure_watched(void) {
  return __atomic_load_n(&nhandlers, __ATOMIC_ACQUIRE) != 0;
}

SS_EXPORT int syncsan_pressure(struct syncsan_pressure *out) {
  if (!out)
    return -1;
  ss_ensure_init();
  return ss_pressure_read(out);
}

SS_EXPORT int syncsan_on_pressure(int level, syncsan_pressure_fn fn, void *arg) {
  ss_ensure_init();
  if (!fn || (level != SYNCSAN_PRESSURE_SOME && level != SYNCSAN_PRESSURE_FULL) ||
      ss_context_flags.pressure_poll_ms <= 0)
    return -1;
  int rc = -1;
  ss_spin_lock(&handlers_lock);
  uint32_t n = nhandlers;
  if (n < MAX_HANDLERS) {
    handlers[n].level = level;
    handlers[n].fn = fn;
    handlers[n].arg = arg;
    memset(handlers[n].above, 0, sizeof handlers[n].above);
    __atomic_store_n(&nhandlers, n + 1, __ATOMIC_RELEASE);
    rc = 0;
  }
  ss_spin_unlock(&handlers_lock);
  if (rc == 0)
    ss_monitor_start();
  return rc;
}

static const struct syncsan_pressure_resource *resource(const struct syncsan_pressure *p, int r) {
  return r == SYNCSAN_RESOURCE_CPU ? &p->cpu : r == SYNCSAN_RESOURCE_MEMORY ? &p->memory : &p->io;
}

SS_HIDDEN void ss_pressure_tick(uint64_t now_ms) {
  uint32_t n = __atomic_load_n(&nhandlers, __ATOMIC_ACQUIRE);
  if (!n || now_ms - last_look_ms < (uint64_t)ss_context_flags.pressure_poll_ms)
    return;
  last_look_ms = now_ms;
  struct syncsan_pressure p;
  ss_pressure_read(&p);
  for (uint32_t h = 0; h < n; h++)
    for (int r = 0; r < NRES; r++) {
      const struct syncsan_pressure_resource *res = resource(&p, r);
      /* An unavailable resource is at no level: a file that disappears
       * ends the episode. */
      uint8_t above = res->available && res->level >= handlers[h].level;
      if (above == handlers[h].above[r])
        continue;
      handlers[h].above[r] = above;
      handlers[h].fn(r, res->available ? res->level : SYNCSAN_PRESSURE_NONE, &p,
                     handlers[h].arg);
    }
}

/* The child keeps the handlers (its code is the parent's) and looks
 * afresh: what the parent's monitor saw is not the child's news. */
SS_HIDDEN void ss_pressure_fork_child(void) {
  for (uint32_t h = 0; h < MAX_HANDLERS; h++)
    memset(handlers[h].above, 0, sizeof handlers[h].above);
  last_look_ms = 0;
}
