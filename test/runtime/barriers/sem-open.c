// Named semaphores (sem_open, sem_close: interposed by name, for
// instrumented callers too): known as initialised, so their use is
// silent; opened twice, the same semaphore stays open until its last
// close. A named semaphore may be posted by another process: here a child
// posts it after several sem_timeout_ms, which is no stall. The same for
// an unnamed process-shared one in shared memory.
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: env SYNCSAN_OPTIONS=sem_timeout_ms=50:sem_stall_action=abort %expect-exit 0 timeout 10 %t 2>&1 | FileCheck %s --implicit-check-not=SyncSanitizer
// CHECK: same 1
// CHECK: posted by the child
// CHECK: shared posted by the child
#include <fcntl.h>
#include <semaphore.h>
#include <stdio.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void) {
  char name[64];
  snprintf(name, sizeof(name), "/syncsan-sem-open-%d", (int)getpid());
  sem_t *s = sem_open(name, O_CREAT | O_EXCL, 0600, 1);
  if (s == SEM_FAILED) {
    perror("sem_open");
    return 1;
  }
  sem_wait(s);
  sem_t *again = sem_open(name, 0);
  printf("same %d\n", again == s);
  sem_close(again);
  sem_post(s);
  sem_wait(s);

  pid_t child = fork();
  if (child == 0) {
    usleep(300000);
    sem_post(s);
    _exit(0);
  }
  sem_wait(s);
  printf("posted by the child\n");
  waitpid(child, NULL, 0);
  sem_close(s);
  sem_unlink(name);

  sem_t *shm = mmap(NULL, sizeof(sem_t), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS,
                    -1, 0);
  sem_init(shm, 1, 0);
  child = fork();
  if (child == 0) {
    usleep(300000);
    sem_post(shm);
    _exit(0);
  }
  sem_wait(shm);
  printf("shared posted by the child\n");
  waitpid(child, NULL, 0);
  sem_destroy(shm);
  return 0;
}
