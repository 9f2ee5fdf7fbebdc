// A log file <prefix>.<pid> that exists but belongs to another user is not
// written: the runtime writes to stderr and says so in one line. (Making a
// file another user owns takes root: the test is unsupported otherwise.)
// REQUIRES: root
// RUN: rm -rf %t.d && mkdir -p %t.d
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: env SYNCSAN_OPTIONS=log_path=%t.d/log %expect-exit 66 %t %t.d/log 2>&1 | FileCheck %s
// RUN: cat %t.d/log.* | FileCheck %s --check-prefix=UNTOUCHED --allow-empty
// CHECK: ==[[PID:[0-9]+]]==syncsan: log_path: '{{.*}}log.[[PID]]' belongs to another user (uid 65534); writing to stderr
// CHECK-NEXT: ===
// CHECK-NEXT: ==[[PID]]==ERROR: SyncSanitizer: unlock-not-held
// UNTOUCHED-NOT: {{.}}
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;

int main(int argc, char **argv) {
  if (argc != 2)
    return 2;
  char name[4096];
  snprintf(name, sizeof(name), "%s.%d", argv[1], (int)getpid());
  int fd = open(name, O_CREAT | O_WRONLY, 0666);
  if (fd < 0 || fchown(fd, 65534, 65534))
    return 3;
  close(fd);
  pthread_mutex_unlock(&m); /* unlock-not-held */
  return 0;
}
