/* The message queue descriptors and the queues they open
 * (builtin_mq_fds.h).
 *
 * One word per descriptor number, read with one relaxed load on a send or
 * receive: its state, O_NONBLOCK, the index of its queue's record and that
 * record's generation. Opening and closing (rare: system calls that make
 * or drop a descriptor) take the table's lock; the word is stored under
 * it. A send reads the record of an open descriptor's queue without the
 * lock: a record with an open descriptor is never reused, and its key is
 * written before any descriptor points at it. A closed descriptor's record
 * is read under the lock, and its generation says whether the record still
 * stands for the queue the descriptor had (a record is reused for another
 * queue only once every descriptor of it is closed: its generation then
 * changes, and the closed descriptors that pointed at it are forgotten). */
#include "builtin_mq_fds.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sys/stat.h>

#include "syncsan/syncsan.h"

#include "core/real.h"

/* The descriptor word. */
#define FD_STATE_MASK 0x3u
#define FD_UNKNOWN 0u
#define FD_OPEN 1u
#define FD_CLOSED 2u
#define FD_NONBLOCK 0x4u
#define FD_QI_SHIFT 3
#define FD_QI_MASK 0xffu /* SS_MQ_QUEUES - 1 */
#define FD_GEN_SHIFT 11

_Static_assert(SS_MQ_QUEUES - 1 == FD_QI_MASK, "a queue index fits its field");

struct mq_queue {
  dev_t dev;
  ino_t ino;
  unsigned open;  /* this process's open descriptors of it */
  unsigned gen;   /* changes when the record is taken for another queue */
  uintptr_t key;  /* 0: free */
};

static uint32_t fds[SS_MQ_FDS];
static struct mq_queue queues[SS_MQ_QUEUES];
static ss_spin_t lock SS_RUNTIME_LOCK;
static int fds_warned, queues_warned;

static uint32_t fd_word(uint32_t state, int nonblock, unsigned qi, unsigned gen) {
  return state | (nonblock ? FD_NONBLOCK : 0) | (qi << FD_QI_SHIFT) | (gen << FD_GEN_SHIFT);
}

static int in_table(mqd_t q) {
  if (q >= 0 && q < SS_MQ_FDS)
    return 1;
  if (q >= SS_MQ_FDS)
    ss_warn_once(&fds_warned,
                 "message queue descriptor %d is past the %d that syncsan follows; queues "
                 "of such descriptors are not checked\n",
                 (int)q, SS_MQ_FDS);
  return 0;
}

static struct ss_mq_view none(void) { return (struct ss_mq_view){SS_MQ_NONE, NULL, 0, 0, 0}; }

/* Whether a record other than `except` with open descriptors has this key. */
static int key_taken(uintptr_t key, unsigned except) {
  for (unsigned i = 0; i < SS_MQ_QUEUES; i++)
    if (i != except && queues[i].key == key && queues[i].open)
      return 1;
  return 0;
}

/* A record that is no queue any more: the closed descriptors that point at
 * it are forgotten. */
static void retire(unsigned qi) {
  queues[qi].key = 0;
  queues[qi].gen++;
}

/* Descriptor q of the queue at (dev, ino), under the lock. The record of
 * the queue if another descriptor has it open, else a new one (fresh). */
static struct ss_mq_view attach(mqd_t q, dev_t dev, ino_t ino, int nonblock,
                                unsigned long capacity) {
  uint32_t w = __atomic_load_n(&fds[q], __ATOMIC_RELAXED);
  if ((w & FD_STATE_MASK) == FD_OPEN) {
    unsigned oqi = (w >> FD_QI_SHIFT) & FD_QI_MASK;
    struct mq_queue *old = &queues[oqi];
    /* Adopted by another thread meanwhile: the same descriptor. */
    if (old->key && old->dev == dev && old->ino == ino)
      return (struct ss_mq_view){SS_MQ_OPEN, (void *)old->key, (w & FD_NONBLOCK) != 0, 0, 0};
    /* A number that mq_open or dup returned is no open descriptor: one the
     * table still takes for open was closed by close(2), unseen. */
    if (old->open)
      old->open--;
  }
  unsigned qi = SS_MQ_QUEUES, free_qi = SS_MQ_QUEUES, closed_qi = SS_MQ_QUEUES;
  for (unsigned i = 0; i < SS_MQ_QUEUES; i++) {
    struct mq_queue *r = &queues[i];
    if (r->key && r->open && r->dev == dev && r->ino == ino) {
      qi = i;
      break;
    }
    if (!r->key && free_qi == SS_MQ_QUEUES)
      free_qi = i;
    else if (r->key && !r->open && closed_qi == SS_MQ_QUEUES)
      closed_qi = i;
  }
  struct ss_mq_view v = {SS_MQ_OPEN, NULL, nonblock, 0, capacity};
  if (qi == SS_MQ_QUEUES) {
    qi = free_qi != SS_MQ_QUEUES ? free_qi : closed_qi;
    if (qi == SS_MQ_QUEUES) {
      __atomic_store_n(&fds[q], FD_UNKNOWN, __ATOMIC_RELAXED);
      ss_warn_once(&queues_warned,
                   "more than %d message queues open at once; queues past that are not "
                   "checked\n",
                   SS_MQ_QUEUES);
      return none();
    }
    if (queues[qi].key)
      retire(qi);
    uintptr_t key = (uintptr_t)q;
    if (key == 0 || key_taken(key, qi))
      key = SS_MQ_FDS + qi;
    /* A closed queue of the same handle is gone: its descriptors are
     * forgotten, and the create starts the handle afresh. */
    for (unsigned i = 0; i < SS_MQ_QUEUES; i++)
      if (i != qi && queues[i].key == key)
        retire(i);
    queues[qi].dev = dev;
    queues[qi].ino = ino;
    queues[qi].open = 0;
    __atomic_store_n(&queues[qi].key, key, __ATOMIC_RELAXED);
    v.fresh = 1;
  }
  queues[qi].open++;
  v.key = (void *)queues[qi].key;
  __atomic_store_n(&fds[q], fd_word(FD_OPEN, nonblock, qi, queues[qi].gen), __ATOMIC_RELEASE);
  return v;
}

/* After a fork, each queue open at the time is shared by two processes,
 * and each sees only its own sends and receives: a parent that sends what
 * its child receives would count more messages than the queue can hold.
 * So the queues forget their capacity in both (syncsan_queue_set_capacity
 * 0: unknown). Registered at the first queue, after the runtime's own
 * atfork handlers (core/fork.c), whose child handler has released the
 * runtime's locks when this one runs. */
static void forked(void) {
  ss_spin_lock(&lock);
  uintptr_t keys[SS_MQ_QUEUES];
  unsigned n = 0;
  for (unsigned i = 0; i < SS_MQ_QUEUES; i++)
    if (queues[i].key && queues[i].open)
      keys[n++] = queues[i].key;
  ss_spin_unlock(&lock);
  for (unsigned i = 0; i < n; i++)
    syncsan_queue_set_capacity((void *)keys[i], 0);
}

static void watch_forks(void) {
  static int registered;
  if (!__atomic_exchange_n(&registered, 1, __ATOMIC_RELAXED))
    pthread_atfork(NULL, forked, forked);
}

/* q's queue as the C library describes it, attached; NONE when q is no
 * message queue (mq_getattr refuses it). errno is kept. */
static struct ss_mq_view adopt(mqd_t q) {
  int err = errno;
  struct mq_attr a;
  struct stat st;
  struct ss_mq_view v = none();
  if (mq_getattr(q, &a) == 0 && fstat(q, &st) == 0) {
    ss_spin_lock(&lock);
    v = attach(q, st.st_dev, st.st_ino, (a.mq_flags & O_NONBLOCK) != 0,
               a.mq_maxmsg > 0 ? (unsigned long)a.mq_maxmsg : 0);
    ss_spin_unlock(&lock);
    if (v.fresh)
      watch_forks();
  }
  errno = err;
  return v;
}

SS_HIDDEN struct ss_mq_view ss_mq_opened(mqd_t q) {
  if (!in_table(q))
    return none();
  return adopt(q);
}

/* A closed descriptor's queue, under the lock: CLOSED while its record
 * still stands for it and no descriptor of it is open, else NONE. */
static struct ss_mq_view closed_view(uint32_t w) {
  struct mq_queue *r = &queues[(w >> FD_QI_SHIFT) & FD_QI_MASK];
  if (r->key && r->gen == (w >> FD_GEN_SHIFT) && !r->open)
    return (struct ss_mq_view){SS_MQ_CLOSED, (void *)r->key, 0, 0, 0};
  return none();
}

SS_HIDDEN struct ss_mq_view ss_mq_view(mqd_t q) {
  if (!in_table(q))
    return none();
  uint32_t w = __atomic_load_n(&fds[q], __ATOMIC_ACQUIRE);
  switch (w & FD_STATE_MASK) {
  case FD_OPEN: {
    struct mq_queue *r = &queues[(w >> FD_QI_SHIFT) & FD_QI_MASK];
    return (struct ss_mq_view){SS_MQ_OPEN, (void *)__atomic_load_n(&r->key, __ATOMIC_RELAXED),
                               (w & FD_NONBLOCK) != 0, 0, 0};
  }
  case FD_CLOSED:
    /* Without the interposers an mq_open goes unseen, and the number may
     * be a queue again: the C library says. */
    if (!ss_interposers_linked()) {
      struct ss_mq_view v = adopt(q);
      if (v.state != SS_MQ_NONE)
        return v;
    }
    ss_spin_lock(&lock);
    struct ss_mq_view v = closed_view(__atomic_load_n(&fds[q], __ATOMIC_RELAXED));
    ss_spin_unlock(&lock);
    return v;
  default:
    return adopt(q);
  }
}

SS_HIDDEN struct ss_mq_view ss_mq_closing(mqd_t q) {
  if (!in_table(q))
    return none();
  uint32_t w = __atomic_load_n(&fds[q], __ATOMIC_ACQUIRE);
  struct ss_mq_view fresh = {SS_MQ_NONE, NULL, 0, 0, 0};
  if ((w & FD_STATE_MASK) == FD_UNKNOWN ||
      ((w & FD_STATE_MASK) == FD_CLOSED && !ss_interposers_linked())) {
    fresh = adopt(q);
    if (fresh.state == SS_MQ_NONE && (w & FD_STATE_MASK) == FD_UNKNOWN)
      return fresh;
  }
  ss_spin_lock(&lock);
  w = __atomic_load_n(&fds[q], __ATOMIC_RELAXED);
  struct ss_mq_view v;
  if ((w & FD_STATE_MASK) == FD_OPEN) {
    unsigned qi = (w >> FD_QI_SHIFT) & FD_QI_MASK;
    struct mq_queue *r = &queues[qi];
    if (r->open)
      r->open--;
    __atomic_store_n(&fds[q], fd_word(FD_CLOSED, 0, qi, r->gen), __ATOMIC_RELAXED);
    v = (struct ss_mq_view){r->open ? SS_MQ_SHARED : SS_MQ_OPEN, (void *)r->key, 0, 0, 0};
  } else if ((w & FD_STATE_MASK) == FD_CLOSED) {
    v = closed_view(w);
  } else {
    v = none();
  }
  ss_spin_unlock(&lock);
  /* An adopted descriptor's queue is created before it closes. */
  v.fresh = fresh.fresh;
  v.capacity = fresh.capacity;
  return v;
}

SS_HIDDEN void ss_mq_set_nonblock(mqd_t q, int nonblock) {
  if (!in_table(q))
    return;
  ss_spin_lock(&lock);
  uint32_t w = __atomic_load_n(&fds[q], __ATOMIC_RELAXED);
  if ((w & FD_STATE_MASK) == FD_OPEN)
    __atomic_store_n(&fds[q], nonblock ? w | FD_NONBLOCK : w & ~FD_NONBLOCK, __ATOMIC_RELAXED);
  ss_spin_unlock(&lock);
  /* A descriptor not open in the table is adopted at its next operation,
   * with the flags mq_getattr then says. */
}
