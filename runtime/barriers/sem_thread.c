/* Each thread's current blocking semaphore wait (sem_thread.h). */
#include "sem_thread.h"

SS_HIDDEN __thread struct ss_sem_thread ss_sem_self;
static int ext_key = -1;

SS_HIDDEN void ss_sem_threads_init(void) { ext_key = ss_thread_ext_key(); }

SS_HIDDEN void ss_sem_thread_start(struct ss_thread *t) {
  if (ext_key >= 0)
    __atomic_store_n(&t->ext[ext_key], &ss_sem_self, __ATOMIC_RELEASE);
}

SS_HIDDEN int ss_sems_block_unwoken(struct ss_thread *t, uint32_t kind, uintptr_t obj,
                                    uint32_t seq) {
  if (kind != SS_BLOCK_SEM)
    return 0;
  struct ss_sem_thread *st = ss_thread_ext(t, ext_key);
  if (!st || __atomic_load_n(&st->seq, __ATOMIC_ACQUIRE) != seq)
    return 0;
  uint32_t id = st->id;
  uint64_t posts = __atomic_load_n(&st->posts, __ATOMIC_RELAXED);
  struct ss_sem_info info;
  /* Another process may post a shared one; a post the hooks did not count
   * (from inside the runtime) leaves the value above 0. */
  return ss_sem_peek(obj, &info) && info.id == id && info.state == SS_SEM_LIVE &&
         !info.shared && info.posts == posts && ss_sem_value(&info) == 0;
}
