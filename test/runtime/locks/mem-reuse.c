// Memory freed without pthread_mutex_destroy (glibc makes destroy a no-op,
// and much C code skips it) and reused for a zero-initialised lock is a new
// lock: it does not inherit the dead lock's class and lock-order edges, so
// taking the new locks in the other order is no cycle. The same through
// free, realloc(p, 0) and munmap (a page mapped again at the same address).
// Near miss: locks whose memory stays live keep their order, and the
// inversion between them is still reported.
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: %expect-exit 66 %t 2>&1 | FileCheck %s
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

static void nest(pthread_mutex_t *outer, pthread_mutex_t *inner) {
  pthread_mutex_lock(outer);
  pthread_mutex_lock(inner);
  pthread_mutex_unlock(inner);
  pthread_mutex_unlock(outer);
}

/* A zero-filled block is a PTHREAD_MUTEX_INITIALIZER mutex (glibc). */
static pthread_mutex_t *fresh(void *mem) { return memset(mem, 0, sizeof(pthread_mutex_t)); }

int main(void) {
  /* free: glibc's tcache hands back the last freed block first. */
  pthread_mutex_t *x = fresh(malloc(64)), *y = fresh(malloc(64));
  nest(x, y);
  free(y);
  free(x);
  pthread_mutex_t *p = fresh(malloc(64)), *q = fresh(malloc(64));
  nest(q, p); /* the old x -> y is gone with the memory: no cycle */
  fprintf(stderr, "free: %s\n", p == x && q == y ? "reused" : "moved");

  /* realloc(ptr, 0) frees too. */
  x = fresh(malloc(96));
  y = fresh(malloc(96));
  nest(x, y);
  if (realloc(y, 0) || realloc(x, 0)) /* glibc: freed, NULL */
    return 1;
  p = fresh(malloc(96));
  q = fresh(malloc(96));
  nest(q, p);
  fprintf(stderr, "realloc: %s\n", p == x && q == y ? "reused" : "moved");

  /* munmap, and a mapping at the same address. */
  char *page = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  pthread_mutex_t *m1 = (pthread_mutex_t *)page, *m2 = (pthread_mutex_t *)(page + 64);
  nest(m1, m2);
  munmap(page, 4096);
  char *again = mmap(page, 4096, PROT_READ | PROT_WRITE,
                     MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
  nest(m2, m1);
  fprintf(stderr, "munmap: %s\n", again == page ? "reused" : "moved");

  /* Live memory keeps what was learned. */
  pthread_mutex_t *u = fresh(malloc(64)), *v = fresh(malloc(64));
  nest(u, v);
  nest(v, u);
  fprintf(stderr, "done\n");
  return 0;
}
// CHECK-NOT: SyncSanitizer: {{[a-z-]+}}:
// CHECK: free: reused
// CHECK-NOT: SyncSanitizer: {{[a-z-]+}}:
// CHECK: realloc: reused
// CHECK-NOT: SyncSanitizer: {{[a-z-]+}}:
// CHECK: munmap: reused
// CHECK: ERROR: SyncSanitizer: lock-order-inversion
// CHECK: SUMMARY: SyncSanitizer: lock-order-inversion {{.*}}mem-reuse.c:{{[0-9]+}} in nest
// CHECK-NOT: SyncSanitizer: {{[a-z-]+}}:
// CHECK: done
// CHECK: SyncSanitizer: 1 error report
