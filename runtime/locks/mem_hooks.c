/* free, cfree, realloc and munmap, taken over for the whole process: memory
 * that goes away forgets the locks it held (lock_mem.c), so that a lock
 * later created there (a zero-initialised one, in memory malloc reuses) is
 * a new lock, not the dead one's record.
 *
 * The runtime lives in the executable (linked whole-archive), and an
 * executable's definitions come first in the dynamic linker's lookup: so
 * these receive the calls of every library, libc's own internal frees and
 * libstdc++'s operator delete included, as glibc's support for replacing
 * malloc intends. They are weak: a program that defines its own free
 * keeps it (and its locks are then not forgotten on free).
 *
 * Each forwards to the next definition (dlsym RTLD_NEXT at start-up: glibc's,
 * or an allocator preloaded in front of it); before start-up, to glibc's
 * (__libc_free, __libc_realloc) and the munmap system call. The runtime's own
 * memory is mmap'ed, never malloc'ed, so nothing here can recurse into the
 * runtime's allocations, and the check takes no lock unless the memory
 * holds a lock.
 *
 * Cost per call, for memory that holds no lock: the block's size (with
 * glibc's allocator, one load of its chunk header, the line free reads
 * anyway; with another allocator, a malloc_usable_size call) and one load
 * of the region count table per 64 KiB region the block touches. */
#include <dlfcn.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "lock_mem.h"
#include "mem_hooks.h"

extern void __libc_free(void *);
extern void *__libc_realloc(void *, size_t);
extern void *__libc_malloc(size_t);

static void (*real_free)(void *) = __libc_free;
static void *(*real_realloc)(void *, size_t) = __libc_realloc;
static int (*real_munmap)(void *, size_t); /* NULL: the system call */
/* How a block's size is found: glibc's chunk header, or the allocator's
 * malloc_usable_size; an allocator without one is not checked. */
static enum { SPAN_GLIBC, SPAN_USABLE, SPAN_NONE } span_mode = SPAN_GLIBC;
static size_t (*real_usable_size)(void *);

SS_HIDDEN void ss_mem_hooks_init(void) {
  void *f = dlsym(RTLD_NEXT, "free");
  void *r = dlsym(RTLD_NEXT, "realloc");
  void *m = dlsym(RTLD_NEXT, "munmap");
  if (f && r) {
    real_free = (void (*)(void *))f;
    real_realloc = (void *(*)(void *, size_t))r;
  }
  real_munmap = (int (*)(void *, size_t))m;
  /* Another allocator than glibc's: its own blocks have no glibc header. */
  void *mal = dlsym(RTLD_DEFAULT, "malloc");
  if (f != (void *)__libc_free || (mal && mal != (void *)__libc_malloc)) {
    real_usable_size = (size_t (*)(void *))dlsym(RTLD_NEXT, "malloc_usable_size");
    span_mode = real_usable_size ? SPAN_USABLE : SPAN_NONE;
  }
}

/* An upper bound of the bytes of block p, from p on. glibc keeps a chunk's
 * size (flags in the low 3 bits) in the word before the block, and the
 * chunk, header included, ends at most that far after p. */
static SS_ALWAYS_INLINE size_t block_span(void *p) {
  if (SS_LIKELY(span_mode == SPAN_GLIBC))
    return ((const size_t *)p)[-1] & ~(size_t)7;
  return span_mode == SPAN_USABLE ? real_usable_size(p) : 0;
}

static SS_ALWAYS_INLINE void forget_block(void *p) {
  size_t n = block_span(p);
  if (SS_UNLIKELY(n && ss_mem_may_hold_locks((uintptr_t)p, n)))
    ss_mem_forget((uintptr_t)p, n);
}

SS_EXPORT __attribute__((weak)) void free(void *p) {
  if (p)
    forget_block(p);
  real_free(p);
}

/* glibc keeps cfree for old binaries only; it is free. */
SS_EXPORT __attribute__((weak)) void cfree(void *p) { free(p); }

/* The old block's locks are forgotten whether realloc moves it or not: a
 * lock must not be moved, and the locks of a block kept in place are then
 * new locks at their next use (their class is found again from their global,
 * init site or address). Forgetting after the call instead would race with
 * a lock another thread creates in the freed block. */
SS_EXPORT __attribute__((weak)) void *realloc(void *p, size_t size) {
  if (p)
    forget_block(p);
  return real_realloc(p, size);
}

SS_EXPORT __attribute__((weak)) int munmap(void *addr, size_t len) {
  /* Whole pages go: round the range out to them (4 KiB, the smallest). */
  uintptr_t lo = (uintptr_t)addr & ~(uintptr_t)4095;
  uintptr_t hi = ((uintptr_t)addr + len + 4095) & ~(uintptr_t)4095;
  if (len && hi > lo && SS_UNLIKELY(ss_mem_may_hold_locks(lo, hi - lo)))
    ss_mem_forget(lo, hi - lo);
  if (real_munmap)
    return real_munmap(addr, len);
  return (int)syscall(SYS_munmap, addr, len);
}
