/* Thread names set by the program: pthread_setname_np (any thread, by its
 * pthread_t) and prctl(PR_SET_NAME) (the calling thread). The real
 * function runs first and its result is returned unchanged; a name it
 * accepted is also the thread's name in reports. Interposed like the
 * table's rows (interpose.c), for calls from anywhere in the program. */
#include <pthread.h>
#include <stdarg.h>
#include <sys/prctl.h>

#include "core/real.h"
#include "core/thread.h"

/* The kernel keeps 15 bytes of a thread's name (TASK_COMM_LEN - 1). */
#define SS_COMM_MAX 15

SS_EXPORT int pthread_setname_np(pthread_t th, const char *name) {
  int rc = SS_REAL(pthread_setname_np)(th, name);
  if (rc == 0 && !ss_interposed_bypass())
    ss_thread_named(th, name);
  return rc;
}

/* Variadic: the four arguments after the option are read as unsigned
 * longs (what the kernel takes) and passed on as they came, for every
 * option, as glibc's own prctl does. */
SS_EXPORT int prctl(int option, ...) {
  va_list ap;
  va_start(ap, option);
  unsigned long a2 = va_arg(ap, unsigned long), a3 = va_arg(ap, unsigned long),
                a4 = va_arg(ap, unsigned long), a5 = va_arg(ap, unsigned long);
  va_end(ap);
  int rc = SS_REAL(prctl)(option, a2, a3, a4, a5);
  if (option == PR_SET_NAME && rc == 0 && !ss_interposed_bypass())
    ss_thread_named_self((const char *)a2, SS_COMM_MAX);
  return rc;
}
