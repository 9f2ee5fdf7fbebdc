/* Copies of wait sites without their object: an open-addressed table keyed
 * by the site's address. Sites are static records, so a program has a
 * fixed, small number of them; the table never shrinks. Readers do not
 * lock: a slot's key is published (release) after its copy is complete. */
#include "wait_sites.h"

#define CAP 4096u /* power of two */

struct slot {
  const struct syncsan_site *key; /* NULL: free */
  struct syncsan_site copy;
};

static struct slot *slots;
static ss_spin_t insert_lock SS_RUNTIME_LOCK;
static int full_warned;

static inline uint32_t hash_ptr(const void *p) {
  return (uint32_t)(((uint64_t)(uintptr_t)p * 0x9e3779b97f4a7c15ull) >> 40);
}

SS_HIDDEN const struct syncsan_site *ss_wait_mutex_site(const struct syncsan_site *s) {
  if (!ss_site_object(s))
    return s; /* nothing to hide */
  struct slot *tab = __atomic_load_n(&slots, __ATOMIC_ACQUIRE);
  uint32_t h = hash_ptr(s);
  if (tab) {
    for (uint32_t i = 0; i < CAP; i++) {
      struct slot *sl = &tab[(h + i) & (CAP - 1)];
      const struct syncsan_site *k = __atomic_load_n(&sl->key, __ATOMIC_ACQUIRE);
      if (k == s)
        return &sl->copy;
      if (!k)
        break;
    }
  }
  const struct syncsan_site *out = s;
  ss_spin_lock(&insert_lock);
  if (!slots)
    __atomic_store_n(&slots, ss_map(CAP * sizeof(struct slot)), __ATOMIC_RELEASE);
  tab = slots;
  for (uint32_t i = 0; tab && i < CAP; i++) {
    struct slot *sl = &tab[(h + i) & (CAP - 1)];
    if (sl->key == s) {
      out = &sl->copy;
      break;
    }
    if (!sl->key) {
      sl->copy = *s;
      sl->copy.object = NULL;
      __atomic_store_n(&sl->key, s, __ATOMIC_RELEASE);
      out = &sl->copy;
      break;
    }
  }
  ss_spin_unlock(&insert_lock);
  if (out == s)
    ss_warn_once(&full_warned,
                 "more than %u condvar wait sites; past that, a mutex re-acquired by a "
                 "wait may be labelled with its condvar's name\n",
                 CAP);
  return out;
}
