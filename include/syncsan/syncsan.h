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

/* Names the calling thread in reports ("Thread T3 'worker-3'"). NULL or ""
 * clears the name; only the first 31 bytes are read and kept. */
void syncsan_set_thread_name(const char *name) SYNCSAN_WEAK_;
#define syncsan_set_thread_name(name)                                          \
  (syncsan_set_thread_name ? (syncsan_set_thread_name)(name) : (void)0)

/* ---- lock levels (a declared lock hierarchy) ----
 * A thread may acquire a lock only if the lock's level is higher than the
 * level of every lock it holds (lock-level-violation). Levels are 1..65535;
 * 0 clears. Locks of an *ordered* level may also be nested among themselves
 * (their order is then checked like any lock order). A level set on a lock
 * instance wins over its class's level (from an annotation or the
 * lock_levels= policy file). It may be set before the lock is initialised
 * or first used. A NULL or misaligned `lock` is ignored with a warning. */
void syncsan_lock_set_level(void *lock, int level) SYNCSAN_WEAK_;
#define syncsan_lock_set_level(lock, level)                                    \
  (syncsan_lock_set_level ? (syncsan_lock_set_level)((void *)(lock), (level)) : (void)0)
void syncsan_lock_set_level_ordered(void *lock, int level) SYNCSAN_WEAK_;
#define syncsan_lock_set_level_ordered(lock, level)                            \
  (syncsan_lock_set_level_ordered                                              \
       ? (syncsan_lock_set_level_ordered)((void *)(lock), (level))             \
       : (void)0)

/* On the declaration of a global or struct-member lock:
 *   pthread_mutex_t table_lock SYNCSAN_LOCK_LEVEL(10) = PTHREAD_MUTEX_INITIALIZER;
 *   struct account { pthread_mutex_t mu SYNCSAN_LOCK_LEVEL_ORDERED(20); ... };
 * Every lock operation the pass instruments on that object carries the level.
 * (clang's annotate attribute: without syncsan it is inert metadata.) */
#if defined(__clang__)
#define SYNCSAN_LOCK_LEVEL(n) __attribute__((annotate("syncsan.lock_level=" #n)))
#define SYNCSAN_LOCK_LEVEL_ORDERED(n)                                          \
  __attribute__((annotate("syncsan.lock_level_ordered=" #n)))
#else
#define SYNCSAN_LOCK_LEVEL(n)
#define SYNCSAN_LOCK_LEVEL_ORDERED(n)
#endif

/* ---- nesting of same-class locks ----
 * The calling thread's next acquisition of `lock` counts as subclass n of
 * its class, so nesting two locks of one class in a fixed role order (a
 * parent then a child, subclass 1) is a separate class in the lock-order
 * graph, as lockdep's mutex_lock_nested. Same-class nesting without the
 * annotation is checked by instance order (hand-over-hand over a list is
 * fine as long as no thread walks it the other way). */
void syncsan_lock_nested(void *lock, unsigned subclass) SYNCSAN_WEAK_;
#define syncsan_lock_nested(lock, subclass)                                    \
  (syncsan_lock_nested ? (syncsan_lock_nested)((void *)(lock), (subclass)) : (void)0)

#ifdef __cplusplus
}
#endif

#endif /* SYNCSAN_SYNCSAN_H */
