/* Lock layers by behaviour: the table of acquisition sites. */
#include "lock_sites.h"

#include "core/symbolize.h"

#define SLOTS 8192u /* open addressing; filled to 7/8 at most */

/* Slots are filled under sites_lock, their site pointer last (a release
 * store), and never emptied: a probe without the lock finds a complete
 * slot or none, and the common case (a site seen with this class before,
 * or a known layer) takes no lock. */
struct slot {
  const struct syncsan_site *site; /* NULL: free */
  uint32_t cls;                    /* the first class seen there */
  uint32_t layer;                  /* another class was seen there too */
};

static ss_spin_t sites_lock SS_RUNTIME_LOCK;
static struct slot slots[SLOTS];
static uint32_t nslots; /* guarded by sites_lock */

static struct slot *slot_of(const struct syncsan_site *s) {
  uint32_t h = (uint32_t)(ss_mix64((uintptr_t)s) % SLOTS);
  for (uint32_t k = 0; k < SLOTS; k++) {
    struct slot *e = &slots[(h + k) % SLOTS];
    const struct syncsan_site *v = __atomic_load_n(&e->site, __ATOMIC_ACQUIRE);
    if (v == s || !v)
      return e;
  }
  return NULL;
}

static int flagged(const struct syncsan_site *s) {
  return (s->flags & (SYNCSAN_SITE_WRAPPER | SYNCSAN_SITE_DYNAMIC)) != 0;
}

SS_HIDDEN void ss_sites_note(const struct syncsan_site *s, uint32_t cls) {
  if (!ss_site_is_place(s) || !cls || flagged(s))
    return;
  struct slot *e = slot_of(s);
  if (!e || (__atomic_load_n(&e->site, __ATOMIC_ACQUIRE) &&
             (__atomic_load_n(&e->layer, __ATOMIC_RELAXED) || e->cls == cls)))
    return;
  ss_spin_lock(&sites_lock);
  e = slot_of(s);
  if (e && !e->site) {
    if (nslots < SLOTS - SLOTS / 8) {
      e->cls = cls;
      e->layer = 0;
      __atomic_store_n(&e->site, s, __ATOMIC_RELEASE);
      nslots++;
    }
  } else if (e && e->cls != cls) {
    __atomic_store_n(&e->layer, 1, __ATOMIC_RELAXED);
  }
  ss_spin_unlock(&sites_lock);
}

SS_HIDDEN int ss_sites_is_layer(const struct syncsan_site *s) {
  if (!s)
    return 0;
  if (flagged(s) || ss_function_is_wrapper(s->function))
    return 1;
  struct slot *e = slot_of(s);
  return e && __atomic_load_n(&e->site, __ATOMIC_ACQUIRE) &&
         __atomic_load_n(&e->layer, __ATOMIC_RELAXED);
}
