/* std::thread::join's hook. The member throws std::system_error when it
 * cannot join, and the exception unwinds through this hook: this file alone
 * is compiled with -fexceptions (runtime/CMakeLists.txt), so the cleanup
 * below runs then and the thread neither stays forwarding nor keeps a
 * published join wait. The object is the thread's pthread_t (std::thread's
 * _M_id._M_thread, at offset 0: libstdc++'s ABI), 0 when not joinable. */
#include <pthread.h>

#include "syncsan/hooks.h"

#include "join.h"
#include "real.h"
#include "rows.h"
#include "thread.h"

#define THREAD_JOIN _ZNSt6thread4joinEv

static void unwound(struct ss_join **j) {
  if (*j) {
    ss_forward_end();
    ss_join_end(*j, 0);
  }
}

SS_EXPORT void SS_CAT(__syncsan_, THREAD_JOIN)(void *thread, const struct syncsan_site *site) {
  pthread_t th = *(pthread_t *)thread;
  ss_thread_get();
  /* Not joinable, or the calling thread itself: the member throws without
   * waiting (the interposed pthread_join of a self-join fails at once), and
   * there is nothing to publish or undo. */
  if (SS_UNLIKELY(ss_in_hook()) || !th || pthread_equal(th, pthread_self())) {
    SS_REAL(THREAD_JOIN)(thread);
    return;
  }
  struct ss_join j;
  ss_join_begin(&j, th, site, 1);
  /* The member joins through libstdc++'s PLT, the interposer: forwarding. */
  struct ss_join *pending __attribute__((cleanup(unwound))) = &j;
  ss_forward_begin();
  SS_REAL(THREAD_JOIN)(thread);
  ss_forward_end();
  pending = NULL;
  ss_join_end(&j, 1);
}
