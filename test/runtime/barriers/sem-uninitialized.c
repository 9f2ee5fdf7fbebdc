// sem-uninitialized: a post and a wait on a semaphore never initialised
// (reported before the real call, which still runs: glibc takes zeroed
// memory for a semaphore of value 0, so the program goes on), and a
// wait, a post and a second destroy on one that was destroyed. Each is
// reported once. Silent: a semaphore in shared memory used without an
// init this process saw (another process may have initialised it there),
// and any semaphore in a static program, which has no interposers and so
// cannot see every sem_init and sem_open (the warning about dlopen in a
// static link is the linker's).
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: %expect-exit 0 %t shared 2>&1 | FileCheck %s --check-prefix=SILENT --implicit-check-not=SyncSanitizer
// RUN: %syncsan-cc %O -g -static %s -o %t-static 2>/dev/null
// RUN: %expect-exit 0 %t-static never 2>&1 | FileCheck %s --check-prefix=SILENT --implicit-check-not=SyncSanitizer
// RUN: %expect-exit 66 %t never 2>&1 | FileCheck %s --check-prefix=NEVER
// RUN: %expect-exit 66 %t destroyed 2>&1 | FileCheck %s --check-prefix=GONE
#include <semaphore.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

static sem_t never, gone;

int main(int argc, char **argv) {
  if (argc < 2) {
    return 2;
  } else if (!strcmp(argv[1], "never")) {
    int v = -1;
    sem_post(&never);
    sem_wait(&never);
    sem_getvalue(&never, &v);
    printf("value after: %d\n", v);
  } else if (!strcmp(argv[1], "shared")) {
    sem_t *shm = mmap(NULL, sizeof(sem_t), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS,
                      -1, 0);
    sem_post(shm);
    sem_wait(shm);
    printf("value after: 0\n");
  } else {
    sem_init(&gone, 0, 1);
    sem_destroy(&gone);
    sem_trywait(&gone);
    sem_destroy(&gone);
  }
  return 0;
}
// NEVER: ERROR: SyncSanitizer: sem-uninitialized: thread T0 posts semaphore 'never' (0x{{[0-9a-f]+}}), which was never initialised (no sem_init or sem_open of it was seen)
// NEVER: Use by thread T0:
// NEVER: #0 main {{.*}}sem-uninitialized.c:28:5 (sem_post)
// NEVER-NOT: ERROR
// NEVER: value after: 0
// NEVER: 1 error report
// GONE: ERROR: SyncSanitizer: sem-uninitialized: thread T0 waits on semaphore S{{[0-9]+}} 'gone' (0x{{[0-9a-f]+}}), which was destroyed and not initialised again
// GONE: #0 main {{.*}}sem-uninitialized.c:41:5 (sem_trywait)
// GONE: semaphore S{{[0-9]+}} was destroyed at:
// GONE: #0 main {{.*}}sem-uninitialized.c:40:5 (sem_destroy)
// GONE: semaphore S{{[0-9]+}} was initialised at:
// GONE: #0 main {{.*}}sem-uninitialized.c:39:5 (sem_init)
// GONE: ERROR: SyncSanitizer: sem-uninitialized: thread T0 destroys semaphore S{{[0-9]+}} 'gone' {{.*}}, which was destroyed and not initialised again
// GONE: #0 main {{.*}}sem-uninitialized.c:42:5 (sem_destroy)
// GONE: 2 error reports
// SILENT: value after: 0
