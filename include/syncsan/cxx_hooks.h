/* The runtime's entry points for libstdc++'s C++20 synchronisation
 * objects: std::barrier, std::latch and std::counting_semaphore
 * (std::binary_semaphore is counting_semaphore<1>).
 *
 * They are no rows of <syncsan/intercept.h>: a row names a library
 * symbol that the interposer can take over and the hook calls through
 * SS_REAL. These members are header-only (linkonce_odr definitions in the
 * program's own modules, on atomics and futex waits), so there is no
 * symbol to interpose and no single function to call: each instantiation
 * is its own. The pass (pass/barriers/CxxSyncCalls.cpp) rewrites each
 * direct call of a member, before inlining, into a call of the entry here
 * with the object, the member's own arguments, the member's address
 * (`real`, which the entry calls to perform the operation itself, so the
 * semantics are the header's) and the site.
 *
 * The member's IR signature is what the pass checks before it rewrites: a
 * `long` is ptrdiff_t, the arrival token is std::barrier's one-byte
 * arrival_token returned by value, wait takes it by reference. C only. */
#ifndef SYNCSAN_CXX_HOOKS_H
#define SYNCSAN_CXX_HOOKS_H
#include <stdbool.h>

#include "syncsan/abi.h"

/* std::barrier<F>::barrier(ptrdiff_t expected) (an empty completion F). */
void __syncsan_cxx_barrier_init(void *self, long expected, void (*real)(void *, long),
                                const struct syncsan_site *site);
void __syncsan_cxx_barrier_arrive_and_wait(void *self, void (*real)(void *),
                                           const struct syncsan_site *site);
unsigned char __syncsan_cxx_barrier_arrive(void *self, long update,
                                           unsigned char (*real)(void *, long),
                                           const struct syncsan_site *site);
void __syncsan_cxx_barrier_wait(void *self, void *token, void (*real)(void *, void *),
                                const struct syncsan_site *site);
void __syncsan_cxx_barrier_arrive_and_drop(void *self, void (*real)(void *),
                                           const struct syncsan_site *site);

/* std::latch. */
void __syncsan_cxx_latch_init(void *self, long expected, void (*real)(void *, long),
                              const struct syncsan_site *site);
void __syncsan_cxx_latch_count_down(void *self, long update, void (*real)(void *, long),
                                    const struct syncsan_site *site);
void __syncsan_cxx_latch_wait(void *self, void (*real)(void *), const struct syncsan_site *site);
void __syncsan_cxx_latch_arrive_and_wait(void *self, long update, void (*real)(void *, long),
                                         const struct syncsan_site *site);

/* std::counting_semaphore<N>. */
void __syncsan_cxx_sem_init(void *self, long desired, void (*real)(void *, long),
                            const struct syncsan_site *site);
void __syncsan_cxx_sem_acquire(void *self, void (*real)(void *),
                               const struct syncsan_site *site);
bool __syncsan_cxx_sem_try_acquire(void *self, bool (*real)(void *),
                                   const struct syncsan_site *site);
void __syncsan_cxx_sem_release(void *self, long update, void (*real)(void *, long),
                               const struct syncsan_site *site);
#endif
