// Elements of a global array of locks are classes of their own while the
// program uses them as locks of different roles (sqlite's staticMutexes[]):
// "statics[MAIN] -> db" and "db -> statics[MEM]" is no cycle, though every
// lock is taken at one site in a lock layer. Taking two elements at that
// site before any other lock does not make the array one collection for
// good: the first other lock there withdraws it (EARLY). A real inversion
// between the same two roles is still found (FIRE).
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: %expect-exit 0 %t 2>&1 | FileCheck %s --check-prefix=QUIET --allow-empty
// RUN: %expect-exit 0 %t early 2>&1 | FileCheck %s --check-prefix=QUIET --allow-empty
// RUN: %expect-exit 66 %t fire 2>&1 | FileCheck %s --check-prefix=FIRE
// RUN: %expect-exit 66 %t early fire 2>&1 | FileCheck %s --check-prefix=FIRE
#include <pthread.h>
#include <string.h>

enum { MAIN, MEM, PRNG, NSTATIC };
static pthread_mutex_t statics[NSTATIC] = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_MUTEX_INITIALIZER,
                                           PTHREAD_MUTEX_INITIALIZER};
static pthread_mutex_t db = PTHREAD_MUTEX_INITIALIZER;

/* The layer: every lock of the program is taken here. */
__attribute__((noinline)) static void enter(pthread_mutex_t *m) { pthread_mutex_lock(m); }
__attribute__((noinline)) static void leave(pthread_mutex_t *m) { pthread_mutex_unlock(m); }

int main(int argc, char **argv) {
  int early = argc > 1 && !strcmp(argv[1], "early");
  int fire = !strcmp(argv[argc - 1], "fire");
  if (early) { /* two elements first: looks like an index, for a while */
    enter(&statics[MAIN]);
    enter(&statics[MEM]);
    leave(&statics[MEM]);
    leave(&statics[MAIN]);
  }
  enter(&statics[MAIN]); /* MAIN -> db */
  enter(&db);
  leave(&db);
  leave(&statics[MAIN]);
  enter(&db); /* db -> MEM */
  enter(&statics[MEM]);
  leave(&statics[MEM]);
  leave(&db);
  if (fire) { /* db -> MAIN: MAIN -> db reversed */
    enter(&db);
    enter(&statics[MAIN]);
    leave(&statics[MAIN]);
    leave(&db);
  }
  return 0;
}
// QUIET-NOT: SyncSanitizer
// FIRE: ERROR: SyncSanitizer: lock-order-inversion: lock order cycle of 2 locks (potential deadlock): 'db' -> 'statics[0]' -> 'db'
// FIRE: SyncSanitizer: 1 error report
