// Semaphores used only by code the pass never compiled (a job queue in a
// library, and the program itself built with plain clang) are seen through
// the interposers: a correct run is silent, waiting for one result more
// than the jobs submitted is a sem-stall (the worker waits for a job only
// main posts, main for a result only the worker posts), and destroying
// the job semaphore under the blocked worker is sem-destroy-in-use. Sites
// are the library's callers, named by the symbolizer (or their callers, where the
// library tail-calls the C library).
// RUN: %clang %O -g -fPIC -shared %S/Inputs/sem-pool-lib.c -o %t-lib.so
// RUN: %syncsan-cc %O -g %s %t-lib.so -o %t
// RUN: env SYNCSAN_OPTIONS=sem_timeout_ms=100:sem_stall_action=abort %expect-exit 0 timeout 10 %t ok 2>&1 | FileCheck %s --check-prefix=OK --implicit-check-not=SyncSanitizer
// RUN: env SYNCSAN_OPTIONS=sem_timeout_ms=100:sem_stall_action=abort %expect-exit 66 timeout 10 %t stall 2>&1 | FileCheck %s --check-prefix=STALL
// RUN: %expect-exit 66 timeout 10 %t destroy 2>&1 | FileCheck %s --check-prefix=DESTROY
// RUN: %clang %O -g -c %s -o %t-plain.o
// RUN: %syncsan-cc %t-plain.o %t-lib.so -o %t-plain
// RUN: env SYNCSAN_OPTIONS=sem_timeout_ms=100:sem_stall_action=abort %expect-exit 0 timeout 10 %t-plain ok 2>&1 | FileCheck %s --check-prefix=OK --implicit-check-not=SyncSanitizer
// RUN: env SYNCSAN_OPTIONS=sem_timeout_ms=100:sem_stall_action=abort %expect-exit 66 timeout 10 %t-plain stall 2>&1 | FileCheck %s --check-prefix=STALL
#include <stdio.h>
#include <string.h>
#include <unistd.h>

struct pool;
struct pool *pool_start(void);
void pool_submit(struct pool *p);
void pool_wait_one(struct pool *p);
void pool_stop(struct pool *p);
void pool_stop_early(struct pool *p);

int main(int argc, char **argv) {
  const char *mode = argc > 1 ? argv[1] : "ok";
  struct pool *p = pool_start();
  for (int i = 0; i < 1000; i++)
    pool_submit(p);
  for (int i = 0; i < 1000; i++)
    pool_wait_one(p);
  if (!strcmp(mode, "stall"))
    pool_wait_one(p);
  if (!strcmp(mode, "destroy")) {
    usleep(200000); /* the worker is blocked waiting for a job by now */
    pool_stop_early(p);
    return 0;
  }
  pool_stop(p);
  printf("done\n");
  return 0;
}
// OK: done
// STALL: ERROR: SyncSanitizer: sem-stall: T{{[01]}} has waited on semaphore S{{[0-9]+}} (0x{{[0-9a-f]+}}) for {{[0-9]+}} ms with no post since, and every thread that ever posted it (T{{[01]}}) is blocked: no thread can post it
// STALL: Thread T{{[01]}} posted it at the place below; it is now blocked in sem_wait on semaphore S{{[0-9]+}} (0x{{[0-9a-f]+}}) (value 0, posted by T{{[01]}}) at {{.*}}sem-pool-lib.c:{{[0-9]+}}:{{[0-9]+}}, waiting for T{{[01]}}, and T{{[01]}} waits for its post: a deadlock:
// STALL-NEXT: #0 {{work|main|pool_submit}} {{.*}}
// STALL-NOT: done
// DESTROY: ERROR: SyncSanitizer: sem-destroy-in-use: thread T0 destroys semaphore S{{[0-9]+}} (0x{{[0-9a-f]+}}) while 1 thread is blocked waiting on it
// DESTROY: #0 {{pool_stop_early .*sem-pool-lib.c|main .*sem-interpose.c}}:{{[0-9]+}}
// DESTROY: Thread T1 waits on it, at:
// DESTROY: #0 work {{.*}}sem-pool-lib.c:17
