/* sem_open and sem_close, interposed by name (they are no rows of the
 * table: sem_open is variadic and answers SEM_FAILED, which no row's
 * signature or success convention describes). The executable's own calls
 * bind to these too, so instrumented and uninstrumented callers are seen
 * alike, with the caller's return address as the site. A named semaphore
 * is then known to the semaphore checks as initialised; a program without
 * the interposers (a static link) does not see sem_open, and so never
 * says a semaphore was not initialised (ss_interposers_linked). */
#include <errno.h>
#include <fcntl.h>
#include <semaphore.h>
#include <stdarg.h>

#include "syncsan/hooks.h"

#include "core/dynsite.h"
#include "core/real.h"

SS_EXPORT sem_t *sem_open(const char *name, int oflag, ...) {
  unsigned mode = 0, value = 0;
  if (oflag & O_CREAT) {
    va_list ap;
    va_start(ap, oflag);
    mode = va_arg(ap, unsigned); /* mode_t, promoted */
    value = va_arg(ap, unsigned);
    va_end(ap);
  }
  sem_t *s = SS_REAL(sem_open)(name, oflag, mode, value);
  if (s != SEM_FAILED && !ss_interposed_bypass()) {
    int err = errno;
    uintptr_t pc = (uintptr_t)__builtin_return_address(0);
    __syncsan_sem_opened(s, ss_site_for_pc(pc, SYNCSAN_OP_SEM_OPEN));
    errno = err;
  }
  return s;
}

SS_EXPORT int sem_close(sem_t *s) {
  if (!ss_interposed_bypass()) {
    int err = errno;
    uintptr_t pc = (uintptr_t)__builtin_return_address(0);
    __syncsan_sem_closing(s, ss_site_for_pc(pc, SYNCSAN_OP_SEM_CLOSE));
    errno = err;
  }
  return SS_REAL(sem_close)(s);
}
