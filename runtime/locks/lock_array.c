/* Global arrays of locks: the evidence that makes one a collection. */
#include "lock_array.h"

#include "core/globals.h"
#include "core/symbolize.h"

#define MAX_ARRAYS 256u /* collections remembered */
#define SITE_SLOTS 4096u /* acquisition sites seen resolving a lock (open addressing) */

/* A site that resolved an array element: the element, or poly once it took
 * anything else. */
struct site_slot {
  const struct syncsan_site *site; /* NULL: free */
  uint64_t akey;
  uint32_t elem;
  uint32_t poly;
  uint32_t evidence; /* it made akey a collection */
};

static ss_spin_t array_lock SS_RUNTIME_LOCK;
static struct site_slot sites[SITE_SLOTS]; /* guarded by array_lock */
static uint32_t nsites;                    /* guarded by array_lock */

/* Collections, append only; read without the lock (a slot once published
 * keeps its key, or turns to 0 when withdrawn), so the class resolution's
 * check takes no lock. A withdrawn array is never a collection again. */
static uint64_t collections[MAX_ARRAYS];
static uint64_t withdrawn[MAX_ARRAYS]; /* guarded by array_lock */
static uint32_t ncollections, nwithdrawn;

SS_HIDDEN uint64_t ss_array_key(const char *name) {
  return ss_mix64(ss_fnv1a(SS_FNV_SEED, name)) | 1; /* never 0 */
}

SS_HIDDEN int ss_array_is_collection(uint64_t akey) {
  uint32_t n = __atomic_load_n(&ncollections, __ATOMIC_ACQUIRE);
  for (uint32_t i = 0; i < n; i++)
    if (__atomic_load_n(&collections[i], __ATOMIC_RELAXED) == akey)
      return 1;
  return 0;
}

static int was_withdrawn(uint64_t akey) {
  for (uint32_t i = 0; i < nwithdrawn; i++)
    if (withdrawn[i] == akey)
      return 1;
  return 0;
}

/* Site e takes more than one array's elements, or other locks: it is a
 * layer, not an index. A collection it alone made is withdrawn; returns its
 * key (0: none). The caller holds array_lock. */
static uint64_t make_poly(struct site_slot *e) {
  __atomic_store_n(&e->poly, 1, __ATOMIC_RELAXED);
  if (!e->evidence)
    return 0;
  e->evidence = 0;
  uint32_t n = ncollections;
  for (uint32_t i = 0; i < n; i++)
    if (collections[i] == e->akey)
      __atomic_store_n(&collections[i], 0, __ATOMIC_RELAXED);
  if (nwithdrawn < MAX_ARRAYS)
    withdrawn[nwithdrawn++] = e->akey;
  return e->akey;
}

/* The slot of s, or the free slot where it would go; NULL when the table
 * is full and s is not in it. Slots are filled under array_lock, their
 * site pointer last (a release store), and never emptied, so a probe
 * without the lock finds a complete slot or none. */
static struct site_slot *slot_of(const struct syncsan_site *s) {
  uint32_t h = (uint32_t)(ss_mix64((uintptr_t)s) % SITE_SLOTS);
  for (uint32_t k = 0; k < SITE_SLOTS; k++) {
    struct site_slot *e = &sites[(h + k) % SITE_SLOTS];
    const struct syncsan_site *v = __atomic_load_n(&e->site, __ATOMIC_ACQUIRE);
    if (v == s || !v)
      return e;
  }
  return NULL;
}

/* Fills free slot e (array_lock held). */
static void fill_slot(struct site_slot *e, const struct syncsan_site *s, uint64_t akey,
                      uint32_t elem, uint32_t poly) {
  e->akey = akey;
  e->elem = elem;
  e->evidence = 0;
  __atomic_store_n(&e->poly, poly, __ATOMIC_RELAXED);
  __atomic_store_n(&e->site, s, __ATOMIC_RELEASE);
  nsites++;
}

/* Whether what s says is already known: a layer, or this element again.
 * Most slow resolutions end here, without the lock. */
static int known(const struct syncsan_site *s, uint64_t akey, uint32_t elem) {
  struct site_slot *e = slot_of(s);
  if (!e || !__atomic_load_n(&e->site, __ATOMIC_ACQUIRE))
    return !e; /* full and absent: nothing to learn */
  return __atomic_load_n(&e->poly, __ATOMIC_RELAXED) || (e->akey == akey && e->elem == elem);
}

/* A site that says nothing about which lock it is given: marked, or in a
 * function the wrapper rule names. */
static int site_is_layer(const struct syncsan_site *s) {
  return !ss_site_is_place(s) || (s->flags & (SYNCSAN_SITE_WRAPPER | SYNCSAN_SITE_DYNAMIC)) ||
         ss_function_is_wrapper(s->function);
}

SS_HIDDEN uint64_t ss_array_note_element(uint64_t akey, uint32_t elem,
                                         const struct syncsan_site *s, uint64_t *revoked) {
  *revoked = 0;
  if (site_is_layer(s) || known(s, akey, elem))
    return 0;
  int became = 0;
  ss_spin_lock(&array_lock);
  struct site_slot *e = slot_of(s);
  if (e && !e->site) {
    /* A full table keeps its sites: new sites go unheard, and their
     * arrays stay one class per element (precise, never merged wrongly). */
    if (nsites < SITE_SLOTS - SITE_SLOTS / 8)
      fill_slot(e, s, akey, elem, 0);
  } else if (e && !e->poly) {
    if (e->akey != akey) {
      *revoked = make_poly(e);
    } else if (e->elem != elem && ncollections < MAX_ARRAYS && !ss_array_is_collection(akey) &&
               !was_withdrawn(akey)) {
      collections[ncollections] = akey;
      __atomic_store_n(&ncollections, ncollections + 1, __ATOMIC_RELEASE);
      e->evidence = 1;
      became = 1;
    }
  }
  ss_spin_unlock(&array_lock);
  return became;
}

SS_HIDDEN uint64_t ss_array_note_other(const struct syncsan_site *s) {
  if (!ss_global_arrays() || site_is_layer(s) || known(s, 0, 0))
    return 0;
  uint64_t revoked = 0;
  ss_spin_lock(&array_lock);
  struct site_slot *e = slot_of(s);
  if (e && e->site && !e->poly) {
    revoked = make_poly(e);
  } else if (e && !e->site && nsites < SITE_SLOTS - SITE_SLOTS / 8) {
    /* Remembered as a layer before it takes any element: a lock wrapper
     * whose first locks were not elements. A program with no global array
     * of locks never comes here. */
    fill_slot(e, s, 0, 0, 1);
  }
  ss_spin_unlock(&array_lock);
  return revoked;
}
