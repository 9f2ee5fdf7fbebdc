/* syncsan public API and annotations.
 *
 * Safe to include in any build: without the syncsan runtime linked in, every
 * call below is a no-op and every annotation compiles to nothing, so a
 * program keeps one source for its syncsan and its ordinary builds.
 *
 * How: each function is declared weak, and a same-named macro calls it only
 * when the runtime defines it (a weak undefined function has address 0). */
#ifndef SYNCSAN_SYNCSAN_H
#define SYNCSAN_SYNCSAN_H

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__) || defined(__clang__)
#define SYNCSAN_WEAK_ __attribute__((weak))
#else
#define SYNCSAN_WEAK_
#endif

/* 1 when the syncsan runtime is linked in, 0 otherwise. */
int syncsan_is_active(void) SYNCSAN_WEAK_;
#define syncsan_is_active() (syncsan_is_active ? (syncsan_is_active)() : 0)

/* Names the calling thread in reports ("Thread T3 'worker-3'"). */
void syncsan_set_thread_name(const char *name) SYNCSAN_WEAK_;
#define syncsan_set_thread_name(name)                                          \
  (syncsan_set_thread_name ? (syncsan_set_thread_name)(name) : (void)0)

#ifdef __cplusplus
}
#endif

#endif /* SYNCSAN_SYNCSAN_H */
