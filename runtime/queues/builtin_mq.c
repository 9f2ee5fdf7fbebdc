/* POSIX message queues as built-in queues: the hooks of mq_send,
 * mq_timedsend, mq_receive, mq_timedreceive and mq_close (rows of
 * <syncsan/intercept.h>), and what the mq_open and mq_setattr interposers
 * call (<syncsan/hooks.h>).
 *
 * Each operation is described by a constant descriptor, as the pass
 * describes an annotated queue function, and goes through the same
 * __syncsan_queue_begin/_end: a send is a push (0 on success), a receive
 * a pop (a byte count, >= 0), mq_close a close, mq_open the create, with
 * the queue's mq_maxmsg as its capacity. A descriptor with O_NONBLOCK
 * neither blocks nor stalls on its own: its failing sends (EAGAIN, full)
 * are a non-blocking push's failures. mq_timedsend and mq_timedreceive
 * block until their own deadline.
 *
 * Stall recovery: a blocking mq_send or mq_receive that begin answers
 * with SYNCSAN_QUEUE_CALL_TIMED is made as mq_timedsend/mq_timedreceive
 * with a CLOCK_REALTIME deadline of the runtime's timeout, again as long
 * as timed_again says; one that recovery makes fail returns -1 with
 * ETIMEDOUT. An error other than a timeout (EINTR, EBADF, EMSGSIZE) is the
 * caller's as the untimed call would have returned it.
 *
 * Each hook makes the real call once (or the timed loop instead), with
 * its arguments, and returns its result with the errno it left. A thread
 * cancelled in a send or receive (cancellation points) unwinds through
 * __syncsan_queue_unwind. */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <time.h>

#include "syncsan/abi_queue.h"
#include "syncsan/hooks.h"
#include "syncsan/syncsan.h"

#include "builtin_mq_fds.h"
#include "core/real.h"
#include "core/thread.h"

#define MQ_DESC(fn, role, ok, flags)                                                         \
  {fn,                                                                                       \
   "<mqueue.h>",                                                                             \
   SYNCSAN_QUEUE_ROLE_##role,                                                                \
   SYNCSAN_QUEUE_OK_##ok,                                                                    \
   (flags) | SYNCSAN_QUEUE_BUILTIN,                                                          \
   0,                                                                                        \
   SYNCSAN_QUEUE_NO_ARG,                                                                     \
   0}

enum mq_kind { MQ_SEND, MQ_TIMEDSEND, MQ_RECEIVE, MQ_TIMEDRECEIVE, MQ_KINDS };

/* By kind, then O_NONBLOCK. */
static const struct syncsan_queue_desc op_desc[MQ_KINDS][2] = {
    [MQ_SEND] = {MQ_DESC("mq_send", PUSH, ZERO, SYNCSAN_QUEUE_BLOCKING | SYNCSAN_QUEUE_HAS_TIMED),
                 MQ_DESC("mq_send", PUSH, ZERO, 0)},
    [MQ_TIMEDSEND] = {MQ_DESC("mq_timedsend", PUSH, ZERO, SYNCSAN_QUEUE_BLOCKING),
                      MQ_DESC("mq_timedsend", PUSH, ZERO, 0)},
    /* A receive on a descriptor this process closed is always a bug: no
     * close tells a consumer to stop, as closing drops the descriptor. */
    [MQ_RECEIVE] = {MQ_DESC("mq_receive", POP, NONNEG,
                            SYNCSAN_QUEUE_BLOCKING | SYNCSAN_QUEUE_HAS_TIMED |
                                SYNCSAN_QUEUE_STRICT_CLOSE),
                    MQ_DESC("mq_receive", POP, NONNEG, SYNCSAN_QUEUE_STRICT_CLOSE)},
    [MQ_TIMEDRECEIVE] = {MQ_DESC("mq_timedreceive", POP, NONNEG,
                                 SYNCSAN_QUEUE_BLOCKING | SYNCSAN_QUEUE_STRICT_CLOSE),
                         MQ_DESC("mq_timedreceive", POP, NONNEG, SYNCSAN_QUEUE_STRICT_CLOSE)},
};
static const struct syncsan_queue_desc close_desc = MQ_DESC("mq_close", CLOSE, ZERO, 0);
/* The handle is the result: the queue's key, which is never negative. */
static const struct syncsan_queue_desc open_desc = {"mq_open",
                                                    "<mqueue.h>",
                                                    SYNCSAN_QUEUE_ROLE_CREATE,
                                                    SYNCSAN_QUEUE_OK_NONNEG,
                                                    SYNCSAN_QUEUE_BUILTIN,
                                                    SYNCSAN_QUEUE_HANDLE_RESULT,
                                                    SYNCSAN_QUEUE_NO_ARG,
                                                    0};

/* A queue new to syncsan is created before its first operation: at
 * mq_open, or where a descriptor opened unseen is first used. */
static void create(const struct ss_mq_view *v, const struct syncsan_site *site) {
  struct syncsan_queue_call c;
  __syncsan_queue_begin(&c, &open_desc, NULL, v->capacity, site);
  __syncsan_queue_end(&c, (int64_t)(intptr_t)v->key);
}

struct mq_args {
  mqd_t q;
  const char *out; /* send */
  char *in;        /* receive */
  size_t len;
  unsigned prio;
  unsigned *prio_in;
  const struct timespec *ts; /* the caller's deadline (timed forms) */
};

static ssize_t real_call(enum mq_kind k, const struct mq_args *a, const struct timespec *ts) {
  switch (k) {
  case MQ_SEND:
    return SS_REAL(mq_send)(a->q, a->out, a->len, a->prio);
  case MQ_TIMEDSEND:
    return SS_REAL(mq_timedsend)(a->q, a->out, a->len, a->prio, ts);
  case MQ_RECEIVE:
    return SS_REAL(mq_receive)(a->q, a->in, a->len, a->prio_in);
  default:
    return SS_REAL(mq_timedreceive)(a->q, a->in, a->len, a->prio_in, ts);
  }
}

static struct timespec deadline_after(int64_t ms) {
  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  ts.tv_sec += ms / 1000;
  ts.tv_nsec += (long)(ms % 1000) * 1000000L;
  if (ts.tv_nsec >= 1000000000L) {
    ts.tv_sec++;
    ts.tv_nsec -= 1000000000L;
  }
  return ts;
}

/* Stall recovery's form of a blocking send or receive. */
static ssize_t timed_loop(enum mq_kind k, const struct mq_args *a, struct syncsan_queue_call *c,
                          int saved_errno) {
  enum mq_kind timed = k == MQ_SEND ? MQ_TIMEDSEND : MQ_TIMEDRECEIVE;
  for (;;) {
    struct timespec ts = deadline_after(__syncsan_queue_timeout_ms(c));
    errno = saved_errno;
    ssize_t r = real_call(timed, a, &ts);
    int err = errno;
    if (r < 0 && err != ETIMEDOUT)
      return r;
    uint32_t again = __syncsan_queue_timed_again(c, r);
    errno = err;
    if (!again)
      return r;
  }
}

static void op_cancelled(void *arg) { __syncsan_queue_unwind(arg); }

static ssize_t mq_op(enum mq_kind k, const struct mq_args *a, const struct syncsan_site *site) {
  int saved = errno;
  struct ss_mq_view v = ss_mq_view(a->q);
  if (v.state == SS_MQ_NONE) {
    errno = saved;
    return real_call(k, a, a->ts);
  }
  if (v.fresh)
    create(&v, site);
  struct syncsan_queue_call c;
  uint32_t mode = __syncsan_queue_begin(&c, &op_desc[k][v.nonblock], v.key, 0, site);
  ssize_t r;
  int err;
  pthread_cleanup_push(op_cancelled, &c);
  errno = saved;
  if (mode == SYNCSAN_QUEUE_CALL_TIMED)
    r = timed_loop(k, a, &c, saved);
  else
    r = real_call(k, a, a->ts);
  err = errno;
  pthread_cleanup_pop(0);
  __syncsan_queue_end(&c, r);
  errno = err;
  return r;
}

SS_EXPORT int __syncsan_mq_send(mqd_t q, const char *msg, size_t len, unsigned prio,
                                const struct syncsan_site *site) {
  if (SS_UNLIKELY(ss_in_hook()))
    return SS_REAL(mq_send)(q, msg, len, prio);
  struct mq_args a = {q, msg, NULL, len, prio, NULL, NULL};
  return (int)mq_op(MQ_SEND, &a, site);
}

SS_EXPORT int __syncsan_mq_timedsend(mqd_t q, const char *msg, size_t len, unsigned prio,
                                     const struct timespec *ts,
                                     const struct syncsan_site *site) {
  if (SS_UNLIKELY(ss_in_hook()))
    return SS_REAL(mq_timedsend)(q, msg, len, prio, ts);
  struct mq_args a = {q, msg, NULL, len, prio, NULL, ts};
  return (int)mq_op(MQ_TIMEDSEND, &a, site);
}

SS_EXPORT ssize_t __syncsan_mq_receive(mqd_t q, char *msg, size_t len, unsigned *prio,
                                       const struct syncsan_site *site) {
  if (SS_UNLIKELY(ss_in_hook()))
    return SS_REAL(mq_receive)(q, msg, len, prio);
  struct mq_args a = {q, NULL, msg, len, 0, prio, NULL};
  return mq_op(MQ_RECEIVE, &a, site);
}

SS_EXPORT ssize_t __syncsan_mq_timedreceive(mqd_t q, char *msg, size_t len, unsigned *prio,
                                            const struct timespec *ts,
                                            const struct syncsan_site *site) {
  if (SS_UNLIKELY(ss_in_hook()))
    return SS_REAL(mq_timedreceive)(q, msg, len, prio, ts);
  struct mq_args a = {q, NULL, msg, len, 0, prio, ts};
  return mq_op(MQ_TIMEDRECEIVE, &a, site);
}

/* The last descriptor of a queue closes it; closing a descriptor of a
 * closed queue again is the close the checks see twice (the C library
 * answers EBADF, returned as it is). */
SS_EXPORT int __syncsan_mq_close(mqd_t q, const struct syncsan_site *site) {
  if (SS_UNLIKELY(ss_in_hook()))
    return SS_REAL(mq_close)(q);
  int saved = errno;
  struct ss_mq_view v = ss_mq_closing(q);
  if (v.state == SS_MQ_NONE || v.state == SS_MQ_SHARED) {
    errno = saved;
    return SS_REAL(mq_close)(q);
  }
  if (v.fresh)
    create(&v, site);
  struct syncsan_queue_call c;
  __syncsan_queue_begin(&c, &close_desc, v.key, 0, site);
  errno = saved;
  int r = SS_REAL(mq_close)(q);
  int err = errno;
  __syncsan_queue_end(&c, r);
  errno = err;
  return r;
}

SS_EXPORT void __syncsan_mq_opened(mqd_t q, const char *name, const struct syncsan_site *site) {
  if (SS_UNLIKELY(ss_in_hook()))
    return;
  struct ss_mq_view v = ss_mq_opened(q);
  if (v.state != SS_MQ_OPEN || !v.fresh)
    return;
  create(&v, site);
  if (name)
    syncsan_queue_set_name(v.key, name);
}

SS_EXPORT void __syncsan_mq_flags_set(mqd_t q, long flags, const struct syncsan_site *site) {
  (void)site;
  if (SS_UNLIKELY(ss_in_hook()))
    return;
  ss_mq_set_nonblock(q, (flags & O_NONBLOCK) != 0);
}
