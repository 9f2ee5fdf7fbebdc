// log_path=<prefix> writes <prefix>.<pid> at the first report, not at
// start-up: a process that reports nothing leaves no file (one empty file
// per process before). The name is predictable, so a symbolic link (or a
// FIFO) planted there is refused and stderr is used, with one line saying
// why; the link's target is left alone.
// RUN: rm -rf %t.d && mkdir -p %t.d
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: env SYNCSAN_OPTIONS=log_path=%t.d/quiet %t %t.d/quiet none 2>&1 | FileCheck %s --check-prefix=QUIET --allow-empty
// RUN: ls %t.d | FileCheck %s --check-prefix=NOFILE --allow-empty
// RUN: env SYNCSAN_OPTIONS=log_path=%t.d/log %expect-exit 66 %t %t.d/log none > %t.out 2>&1
// RUN: FileCheck %s --check-prefix=CLEAN < %t.out --allow-empty
// RUN: cat %t.d/log.* | FileCheck %s --check-prefix=FILE
// RUN: echo victim > %t.d/victim
// RUN: env SYNCSAN_OPTIONS=log_path=%t.d/link %expect-exit 66 %t %t.d/link symlink %t.d/victim 2>&1 | FileCheck %s --check-prefix=SYMLINK
// RUN: FileCheck %s --check-prefix=VICTIM < %t.d/victim
// RUN: env SYNCSAN_OPTIONS=log_path=%t.d/fifo timeout 20 %expect-exit 66 %t %t.d/fifo fifo 2>&1 | FileCheck %s --check-prefix=FIFO
// QUIET-NOT: syncsan
// NOFILE-NOT: quiet
// CLEAN-NOT: SyncSanitizer
// FILE: ERROR: SyncSanitizer: unlock-not-held
// FILE: SyncSanitizer: 1 error report
// SYMLINK: ==[[PID:[0-9]+]]==syncsan: log_path: '{{.*}}link.[[PID]]' is a symbolic link; writing to stderr
// SYMLINK-NEXT: ===
// SYMLINK-NEXT: ==[[PID]]==ERROR: SyncSanitizer: unlock-not-held
// VICTIM: {{^victim$}}
// VICTIM-NOT: {{.}}
// FIFO: ==[[PID:[0-9]+]]==syncsan: log_path: '{{.*}}fifo.[[PID]]' {{.*}}; writing to stderr
// FIFO: ERROR: SyncSanitizer: unlock-not-held
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;

int main(int argc, char **argv) {
  if (argc < 3)
    return 2;
  char name[4096];
  snprintf(name, sizeof(name), "%s.%d", argv[1], (int)getpid());
  if (!strcmp(argv[2], "symlink")) {
    if (argc != 4 || symlink(argv[3], name))
      return 3;
  } else if (!strcmp(argv[2], "fifo")) {
    if (mkfifo(name, 0600))
      return 3;
  }
  if (strcmp(argv[1] + strlen(argv[1]) - 5, "quiet"))
    pthread_mutex_unlock(&m); /* unlock-not-held */
  return 0;
}
