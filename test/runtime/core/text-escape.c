// Text reports show program-supplied text with its control characters and
// its bytes that are not UTF-8 escaped as \xNN: a thread name holding
// ESC[2J (clear the terminal) and a newline followed by "==1==ERROR:" (a
// forged report line) prints on its own line, inert. So does an option
// value from the environment.
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: %expect-exit 66 %t > %t.out 2>&1
// RUN: FileCheck %s < %t.out
// RUN: FileCheck %s --check-prefix=RAW --input-file=%t.out
// Nothing but printable ASCII and newlines reaches the output:
// RUN: tr -d '\000-\011\013-\037\177-\377' < %t.out | cmp - %t.out
// RUN: env SYNCSAN_OPTIONS="$(printf 'exitcode=6\033[2J')" %expect-exit 66 %t 2>&1 | FileCheck %s --check-prefix=OPTION
// CHECK: ERROR: SyncSanitizer: unlock-not-held
// CHECK: Thread T1 '\xff\x1b[2J\x0a==1==ERROR: forged \xc2\x9b' created by T0 at:
// RAW-NOT: {{^==1==ERROR}}
// OPTION: syncsan: SYNCSAN_OPTIONS: bad value '6\x1b[2J' for option 'exitcode'; ignored
#include <pthread.h>
#include <syncsan/syncsan.h>

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;

static void *named(void *arg) {
  /* An invalid byte, ESC, a newline and a C1 control (U+009B, CSI). */
  syncsan_set_thread_name("\xff\x1b[2J\n==1==ERROR: forged \xc2\x9b");
  pthread_mutex_unlock(&m);
  return arg;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, NULL, named, NULL);
  pthread_join(t, NULL);
  return 0;
}
