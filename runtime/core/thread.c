/* Thread registry, per-thread state, and the thread creation hooks. */
#include "thread.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <threads.h>

#include "syncsan/hooks.h"

#include "family.h"
#include "flags.h"
#include "real.h"
#include "stack.h"

SS_HIDDEN __thread struct ss_thread ss_self;
/* The name the pass's in-line lock path reads in_hook by (<syncsan/abi_fast.h>). */
extern __thread struct ss_thread __syncsan_fast_v1_core
    __attribute__((alias("ss_self"), visibility("hidden")));

/* Registry slots. A slot keeps a thread's description after the thread
 * exits, until a later thread reuses it, so reports can still describe
 * threads that are gone.
 *
 * Every operation on a live thread's slot is O(1), full registry included:
 * never-used slots are handed out first, in order (slots_hwm), then the
 * slots of exited threads, oldest exit first, from a ring of free slot
 * numbers; each thread keeps its slot number. So the descriptions of
 * exited threads are kept for as long as possible, and a registry that is
 * full is known to be full without looking at a slot: degrading (a thread
 * past max_threads goes untracked) costs less than the tracking it skips.
 * Scans (reports, the watchdog) stop at slots_hwm, so a program with a few
 * threads touches a few slots' pages, not max_threads' worth. */
struct slot {
  uint32_t tid;
  uint32_t parent;
  const struct syncsan_site *create_site;
  ss_stack_id create_stack;
  char name[32];
  struct ss_thread *live; /* NULL once the thread has exited */
  pthread_t pth;          /* the thread's pthread_t, to find it by (names, joins) */
  int used;
  int reaped; /* joined: pth may name a later thread now */
};

#define NO_SLOT UINT32_MAX

static ss_spin_t reg_lock SS_RUNTIME_LOCK;
static struct slot *slots;  /* [nslots]; guarded by reg_lock */
static uint32_t *free_ring; /* [nslots] slot numbers; guarded by reg_lock */
static uint32_t nslots, next_tid;
static uint32_t slots_hwm;              /* slots [0, slots_hwm) have been used */
static uint32_t free_head, free_count;  /* guarded by reg_lock */
static pthread_key_t exit_key;
static int registry_full_warned;
static int next_ext_key;

/* Names given to a thread by its pthread_t before the thread registered.
 * `pthread_create(&t, ...); pthread_setname_np(t, "worker");` names a
 * thread that may not have run its first instruction yet, so it has no
 * slot to hold the name: the name waits here, and the thread takes it when
 * it registers (under the registry lock, like the naming, so one of the
 * two always sees the other).
 *
 * An entry left for a thread that never registered (one that was exiting
 * when named) must not name a later thread that reuses its pthread_t
 * (glibc reuses thread descriptors). So entries are numbered in the order
 * they were made, and a thread takes only one made after its creation
 * began: no one can name a new thread before pthread_create has given its
 * pthread_t out, so an older entry for the same pthread_t is another
 * thread's, and is dropped. A full list reuses its entries in turn. */
#define PENDING_NAMES 8
struct pending_name {
  pthread_t pth;
  uint64_t seq; /* when it was made: name_seq's value then */
  int used;
  char name[32];
};
static struct pending_name pending[PENDING_NAMES]; /* guarded by reg_lock */
static unsigned pending_next;                      /* guarded by reg_lock */
static uint64_t name_seq; /* written under reg_lock; read atomically by creations */

/* Threads created but not registered yet, by pthread_t, so that a join
 * can name the thread it waits for before the thread has run (see
 * ss_thread_find). The creator adds the entry when pthread_create returns
 * unless the thread has registered already, the thread drops it when it
 * registers, both under the registry lock. A full list reuses its entries
 * in turn: a thread whose entry went is not found by a join that starts
 * before it has registered, and the join is then not published. */
#define PENDING_CREATES 16
struct pending_create {
  pthread_t pth;
  uint32_t tid;
  int used;
};
static struct pending_create creating[PENDING_CREATES]; /* guarded by reg_lock */
static unsigned creating_next;                          /* guarded by reg_lock */

static void thread_exit_destructor(void *arg);

static void registry_init(void) {
  nslots = ss_flags.max_threads > 0 ? (uint32_t)ss_flags.max_threads : 1;
  slots = ss_map(nslots * sizeof(struct slot));
  free_ring = ss_map(nslots * sizeof(uint32_t));
  if (!slots || !free_ring)
    nslots = 0;
  pthread_key_create(&exit_key, thread_exit_destructor);
}

/* A slot for a new thread, or NO_SLOT when every slot is live. */
static uint32_t take_slot(void) {
  if (slots_hwm < nslots)
    return slots_hwm++;
  if (!free_count)
    return NO_SLOT;
  uint32_t i = free_ring[free_head];
  free_head = (free_head + 1) % nslots;
  free_count--;
  return i;
}

/* Slot i's thread has exited (or did not survive a fork). */
static void free_slot(uint32_t i) {
  slots[i].live = NULL;
  free_ring[(free_head + free_count) % nslots] = i;
  free_count++;
}

/* Thread ids are handed out at creation, in creation order, as the
 * sanitizers do (a thread that starts late is still the T<n> its creation
 * made it); threads the pass did not see get theirs when first seen. */
static uint32_t new_tid(void) { return __atomic_fetch_add(&next_tid, 1, __ATOMIC_RELAXED); }

/* `names_after`: the thread takes a pending name made after that point
 * (name_seq's value when its creation began; 0 when it is not known). */
static struct ss_thread *register_self(uint32_t parent, const struct syncsan_site *site,
                                       ss_stack_id stack, uint32_t tid, uint64_t names_after) {
  struct ss_thread *t = &ss_self;
  if (t->registered)
    return t;
  /* Until the families' thread_start has run, the thread's state is half
   * built: a hook re-entered meanwhile must not use it. */
  ss_enter_runtime();
  t->tid = tid;
  ss_spin_lock(&reg_lock);
  uint32_t i = take_slot();
  if (i != NO_SLOT) {
    struct slot *s = &slots[i];
    s->tid = t->tid;
    s->parent = parent;
    s->create_site = site;
    s->create_stack = stack;
    s->name[0] = 0;
    s->live = t;
    s->pth = pthread_self();
    s->used = 1;
    s->reaped = 0;
    for (unsigned p = 0; p < PENDING_NAMES; p++)
      if (pending[p].used && pthread_equal(pending[p].pth, s->pth)) {
        if (pending[p].seq > names_after)
          memcpy(s->name, pending[p].name, sizeof(s->name));
        pending[p].used = 0;
      }
  }
  for (unsigned c = 0; c < PENDING_CREATES; c++)
    if (creating[c].used && creating[c].tid == t->tid)
      creating[c].used = 0;
  t->slot = i;
  ss_spin_unlock(&reg_lock);
  if (i == NO_SLOT) {
    t->untracked = 1;
    ss_warn_once(&registry_full_warned,
                 "more than max_threads=%ld live threads; thread T%u and later "
                 "ones are checked only for their own lock use\n",
                 ss_flags.max_threads, t->tid);
  }
  __atomic_store_n(&t->registered, 1, __ATOMIC_RELEASE);
  if (t->tid != 0)
    pthread_setspecific(exit_key, t);
  for (unsigned f = 0; f < ss_nfamilies; f++)
    if (ss_families[f]->thread_start)
      ss_families[f]->thread_start(t);
  ss_leave_runtime();
  return t;
}

SS_HIDDEN struct ss_thread *ss_thread_register_unseen(void) {
  /* Re-entered while the thread is inside the runtime (its registration
   * interrupted by a signal whose handler locks): the hook runs unchecked
   * and the thread registers when the interrupted code resumes. */
  if (ss_in_hook())
    return &ss_self;
  /* A thread created by code the pass did not see: no parent, no site. */
  return register_self(0, NULL, 0, new_tid(), 0);
}

SS_HIDDEN void ss_thread_init_main(void) {
  registry_init();
  register_self(0, NULL, 0, new_tid(), 0);
}

static void unregister(struct ss_thread *t) {
  ss_spin_lock(&reg_lock);
  if (t->slot != NO_SLOT && slots[t->slot].live == t)
    free_slot(t->slot);
  t->slot = NO_SLOT;
  ss_spin_unlock(&reg_lock);
}

static void run_thread_exit(struct ss_thread *t, int process_exit) {
  for (unsigned i = 0; i < ss_nfamilies; i++)
    if (ss_families[i]->thread_exit)
      ss_families[i]->thread_exit(t, process_exit);
}

static void thread_exit_destructor(void *arg) {
  struct ss_thread *t = arg;
  run_thread_exit(t, 0);
  unregister(t);
  /* The thread stays "registered" for its own later hooks (other keys'
   * destructors may still lock), it is only no longer visible to others. */
}

SS_HIDDEN void ss_thread_process_exit(void) {
  struct ss_thread *t = &ss_self;
  if (t->registered)
    run_thread_exit(t, 1);
}

SS_HIDDEN void ss_threads_fork_child(void) {
  /* Only the forking thread exists in the child. The others keep their
   * descriptions for reports, but no longer count as live: what they held
   * is held by no one who could release it, and reports, the watchdog and
   * holder searches look at live threads only. */
  ss_spin_lock(&reg_lock);
  for (uint32_t i = 0; i < slots_hwm; i++)
    if (slots[i].live && slots[i].live != &ss_self)
      free_slot(i);
  ss_spin_unlock(&reg_lock);
}

SS_HIDDEN int ss_thread_info(uint32_t tid, struct ss_thread_info *out) {
  int found = 0;
  ss_spin_lock(&reg_lock);
  for (uint32_t i = 0; i < slots_hwm; i++) {
    struct slot *s = &slots[i];
    if (s->used && s->tid == tid) {
      out->tid = s->tid;
      out->parent = s->parent;
      out->create_site = s->create_site;
      out->create_stack = s->create_stack;
      memcpy(out->name, s->name, sizeof(out->name));
      out->live = s->live != NULL;
      found = 1;
      break;
    }
  }
  ss_spin_unlock(&reg_lock);
  return found;
}

/* glibc reuses a joined or detached thread's descriptor, so a pthread_t
 * can have named several threads. A joinable thread that has not been
 * joined keeps its descriptor, exited or not, so no later thread has its
 * pthread_t: of the slots not yet reaped, the one with the newest tid (tids
 * follow creation) is the thread the caller means, and an entry for a
 * thread that is not registered yet is newer than every slot with its
 * pthread_t. */
SS_HIDDEN int ss_thread_find(pthread_t th, uint32_t *tid, uint32_t *slot) {
  int found = 0;
  ss_spin_lock(&reg_lock);
  for (uint32_t i = 0; i < slots_hwm; i++) {
    struct slot *s = &slots[i];
    if (s->used && !s->reaped && pthread_equal(s->pth, th) && (!found || s->tid > *tid)) {
      *tid = s->tid;
      *slot = i;
      found = 1;
    }
  }
  for (unsigned c = 0; c < PENDING_CREATES; c++)
    if (creating[c].used && pthread_equal(creating[c].pth, th) &&
        (!found || creating[c].tid > *tid)) {
      *tid = creating[c].tid;
      *slot = NO_SLOT;
      found = 1;
    }
  ss_spin_unlock(&reg_lock);
  return found;
}

SS_HIDDEN void ss_thread_reaped(uint32_t tid, uint32_t slot) {
  ss_spin_lock(&reg_lock);
  if (slot < slots_hwm && slots[slot].used && slots[slot].tid == tid)
    slots[slot].reaped = 1;
  ss_spin_unlock(&reg_lock);
}

/* The creator's side of creating[]: th is the new thread tid's. */
static void created(pthread_t th, uint32_t tid) {
  ss_spin_lock(&reg_lock);
  uint32_t i = 0;
  while (i < slots_hwm && !(slots[i].used && slots[i].tid == tid))
    i++;
  if (i == slots_hwm) { /* not registered yet */
    struct pending_create *c = NULL;
    for (unsigned k = 0; k < PENDING_CREATES && !c; k++)
      if (!creating[k].used)
        c = &creating[k];
    if (!c)
      c = &creating[creating_next++ % PENDING_CREATES];
    c->pth = th;
    c->tid = tid;
    c->used = 1;
  }
  ss_spin_unlock(&reg_lock);
}

SS_HIDDEN void ss_threads_foreach(void (*fn)(struct ss_thread *t, uint32_t slot, void *arg),
                                  void *arg) {
  ss_spin_lock(&reg_lock);
  for (uint32_t i = 0; i < slots_hwm; i++)
    if (slots[i].live)
      fn(slots[i].live, i, arg);
  ss_spin_unlock(&reg_lock);
}

SS_HIDDEN int ss_threads_try_foreach(void (*fn)(struct ss_thread *t, uint32_t slot, void *arg),
                                     void *arg, unsigned tries) {
  if (!ss_spin_trylock(&reg_lock, tries))
    return 0;
  for (uint32_t i = 0; i < slots_hwm; i++)
    if (slots[i].live)
      fn(slots[i].live, i, arg);
  ss_spin_unlock(&reg_lock);
  return 1;
}

SS_HIDDEN uint32_t ss_threads_capacity(void) { return nslots; }

SS_HIDDEN int ss_thread_ext_key(void) {
  return next_ext_key < SS_THREAD_EXT_MAX ? next_ext_key++ : -1;
}

/* ---- thread creation hooks ---- */


struct start_args {
  void *(*fn)(void *);
  int (*c11_fn)(void *);
  void *arg;
  uint32_t tid;
  uint32_t parent;
  const struct syncsan_site *site;
  ss_stack_id stack;
  uint64_t names_after; /* see pending[] */
};

static void *pthread_trampoline(void *p) {
  struct start_args a = *(struct start_args *)p;
  free(p);
  ss_self.start_fn = (uintptr_t)a.fn;
  register_self(a.parent, a.site, a.stack, a.tid, a.names_after);
  return a.fn(a.arg);
}

static int c11_trampoline(void *p) {
  struct start_args a = *(struct start_args *)p;
  free(p);
  ss_self.start_fn = (uintptr_t)a.c11_fn;
  register_self(a.parent, a.site, a.stack, a.tid, a.names_after);
  return a.c11_fn(a.arg);
}

/* Room on a new thread's stack for the runtime.
 *
 * glibc carves a thread's static TLS (the runtime's per-thread state is a
 * few kilobytes of it) and its descriptor out of the stack size the program
 * asks for, and the runtime's slow paths (a report: unwinding, symbolizing,
 * formatting; the dynamic linker's first binding of a function) need
 * several kilobytes more. A program that asks for a small stack
 * (PTHREAD_STACK_MIN is 16 KB) would overflow it in the first report. So a
 * stack size below SS_MIN_THREAD_STACK is raised to it for the call, as
 * the sanitizers do, and the attribute object is given back as it was: the
 * program sees its own value. A concurrent creation with the same
 * attribute object reads either value and needs no raise itself. A stack
 * the program allocated (pthread_attr_setstack) cannot grow: it is used as
 * it is. Returns the size to restore, or 0. */
#define SS_MIN_THREAD_STACK (128u << 10)
static size_t stack_room(const pthread_attr_t *attr) {
  void *addr = NULL;
  size_t size = 0;
  if (!attr || pthread_attr_getstack(attr, &addr, &size) != 0)
    return 0;
  /* glibc reports a stack the program did not allocate as ending at 0. */
  int own_stack = addr && (uintptr_t)addr + size != 0;
  if (own_stack || size >= SS_MIN_THREAD_STACK)
    return 0;
  if (pthread_attr_setstacksize((pthread_attr_t *)attr, SS_MIN_THREAD_STACK) != 0)
    return 0;
  return size;
}

static void stack_room_undo(const pthread_attr_t *attr, size_t size) {
  if (size)
    pthread_attr_setstacksize((pthread_attr_t *)attr, size);
}

SS_EXPORT int __syncsan_pthread_create(pthread_t *th, const pthread_attr_t *attr,
                                       void *(*fn)(void *), void *arg,
                                       const struct syncsan_site *site) {
  struct ss_thread *self = ss_thread_get();
  int saved = errno;
  struct start_args *a = malloc(sizeof(*a));
  if (!a) { /* Out of memory: create the thread unobserved rather than fail. */
    errno = saved;
    return SS_REAL(pthread_create)(th, attr, fn, arg);
  }
  a->fn = fn;
  a->c11_fn = NULL;
  a->arg = arg;
  a->parent = self->tid;
  a->site = ss_site(site);
  /* Creating a thread costs far more than this capture. */
  a->stack = ss_stack_capture_site(site, (uintptr_t)__builtin_return_address(0));
  a->tid = new_tid();
  a->names_after = __atomic_load_n(&name_seq, __ATOMIC_ACQUIRE);
  uint32_t tid = a->tid; /* a is the new thread's once it runs */
  size_t asked = stack_room(attr);
  int rc = SS_REAL(pthread_create)(th, attr, pthread_trampoline, a);
  stack_room_undo(attr, asked);
  if (rc != 0)
    free(a);
  else
    created(*th, tid);
  return rc;
}

SS_EXPORT int __syncsan_thrd_create(thrd_t *th, thrd_start_t fn, void *arg,
                                    const struct syncsan_site *site) {
  struct ss_thread *self = ss_thread_get();
  int saved = errno;
  struct start_args *a = malloc(sizeof(*a));
  if (!a) {
    errno = saved;
    return SS_REAL(thrd_create)(th, fn, arg);
  }
  a->fn = NULL;
  a->c11_fn = fn;
  a->arg = arg;
  a->parent = self->tid;
  a->site = ss_site(site);
  a->stack = ss_stack_capture_site(site, (uintptr_t)__builtin_return_address(0));
  a->tid = new_tid();
  a->names_after = __atomic_load_n(&name_seq, __ATOMIC_ACQUIRE); /* thrd_t is a pthread_t */
  uint32_t tid = a->tid;
  int rc = SS_REAL(thrd_create)(th, c11_trampoline, a);
  if (rc != thrd_success)
    free(a);
  else
    created(*th, tid);
  return rc;
}

/* ---- names ---- */

/* A copy of name for a slot: at most max bytes of it (no more are read,
 * so a name without a terminating NUL within them is no overrun), NULL
 * being "". The bytes are kept as given: reports escape them. */
static void copy_name(char out[32], const char *name, size_t max) {
  size_t n = name ? strnlen(name, max) : 0;
  memcpy(out, name ? name : "", n);
  out[n] = 0;
}

static void set_own_name(const char *name, size_t max) {
  struct ss_thread *t = ss_thread_get();
  if (ss_in_hook())
    return;
  char copy[sizeof(slots[0].name)];
  copy_name(copy, name, max);
  ss_spin_lock(&reg_lock);
  if (t->slot != NO_SLOT && slots[t->slot].live == t)
    memcpy(slots[t->slot].name, copy, sizeof(copy));
  ss_spin_unlock(&reg_lock);
  for (unsigned f = 0; f < ss_nfamilies; f++)
    if (ss_families[f]->thread_named)
      ss_families[f]->thread_named(t, copy);
}

/* Public API: a name for the calling thread in reports. NULL (or "")
 * clears it; a longer name is cut to its first 31 bytes. */
SS_EXPORT void syncsan_set_thread_name(const char *name) {
  set_own_name(name, sizeof(slots[0].name) - 1);
}

SS_HIDDEN void ss_thread_named_self(const char *name, size_t max) {
  set_own_name(name, max < sizeof(slots[0].name) - 1 ? max : sizeof(slots[0].name) - 1);
}

SS_HIDDEN void ss_thread_named(pthread_t th, const char *name) {
  if (pthread_equal(th, pthread_self())) {
    ss_thread_named_self(name, sizeof(slots[0].name) - 1);
    return;
  }
  ss_thread_get();
  if (ss_in_hook())
    return;
  char copy[sizeof(slots[0].name)];
  copy_name(copy, name, sizeof(copy) - 1);
  /* A slow path (naming is rare): a scan of the slots in use. */
  ss_spin_lock(&reg_lock);
  uint32_t i = 0;
  while (i < slots_hwm && !(slots[i].live && pthread_equal(slots[i].pth, th)))
    i++;
  if (i < slots_hwm) {
    memcpy(slots[i].name, copy, sizeof(copy));
  } else {
    /* Its entry if it was named before, else a free one, else the oldest. */
    struct pending_name *p = NULL, *free_entry = NULL;
    for (unsigned k = 0; k < PENDING_NAMES; k++) {
      if (pending[k].used && pthread_equal(pending[k].pth, th))
        p = &pending[k];
      else if (!pending[k].used && !free_entry)
        free_entry = &pending[k];
    }
    if (!p)
      p = free_entry ? free_entry : &pending[pending_next++ % PENDING_NAMES];
    p->pth = th;
    p->seq = __atomic_add_fetch(&name_seq, 1, __ATOMIC_RELEASE);
    p->used = 1;
    memcpy(p->name, copy, sizeof(copy));
  }
  ss_spin_unlock(&reg_lock);
}
