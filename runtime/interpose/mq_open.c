/* mq_open and mq_setattr, interposed by name (they are no rows of the
 * table: mq_open is variadic and makes the descriptor it returns, which no
 * row's signature describes; mq_setattr is no queue operation, but it
 * turns a descriptor's O_NONBLOCK on or off, which decides whether its
 * sends and receives block). The executable's own calls bind to these
 * too, so instrumented and uninstrumented callers are seen alike, with the
 * caller's return address as the site. A program without the interposers
 * (a static link) does not see them: the message queue hooks then learn
 * of a descriptor at its first send, receive or close
 * (runtime/queues/builtin_mq.c). */
#include <errno.h>
#include <fcntl.h>
#include <mqueue.h>
#include <stdarg.h>

#include "syncsan/hooks.h"

#include "core/dynsite.h"
#include "core/real.h"

SS_EXPORT mqd_t mq_open(const char *name, int oflag, ...) {
  unsigned mode = 0;
  struct mq_attr *attr = NULL;
  if (oflag & O_CREAT) {
    va_list ap;
    va_start(ap, oflag);
    mode = va_arg(ap, unsigned); /* mode_t, promoted */
    attr = va_arg(ap, struct mq_attr *);
    va_end(ap);
  }
  mqd_t q = SS_REAL(mq_open)(name, oflag, mode, attr);
  if (q != (mqd_t)-1 && !ss_interposed_bypass()) {
    int err = errno;
    uintptr_t pc = (uintptr_t)__builtin_return_address(0);
    __syncsan_mq_opened(q, name, ss_site_for_pc(pc, SYNCSAN_OP_QUEUE_CREATE));
    errno = err;
  }
  return q;
}

SS_EXPORT int mq_setattr(mqd_t q, const struct mq_attr *attr, struct mq_attr *old) {
  int rc = SS_REAL(mq_setattr)(q, attr, old);
  /* attr is declared nonnull; a null one fails (EFAULT) and is not read. */
  if (rc == 0 && !ss_interposed_bypass()) {
    int err = errno;
    uintptr_t pc = (uintptr_t)__builtin_return_address(0);
    __syncsan_mq_flags_set(q, attr->mq_flags, ss_site_for_pc(pc, SYNCSAN_OP_QUEUE_CREATE));
    errno = err;
  }
  return rc;
}
