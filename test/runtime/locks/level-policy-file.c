// The lock_levels= file follows the rules of every configuration file
// (core/config_file.h): CRLF line ends and comments are fine; a directory,
// a NUL byte, trailing words or characters, a duplicate pattern or one line
// too many end the process with exitcode before the program runs, naming
// the file and line.
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: printf '# policy\r\nouter_lock 1\r\n\r\ninner_lock 2 # leaf\r\n' > %t.crlf
// RUN: env SYNCSAN_OPTIONS=lock_levels=%t.crlf %expect-exit 66 %t 2>&1 | FileCheck %s
// RUN: printf 'outer_lock 1\ninner_lock=2 ordered\n' > %t.ordered
// RUN: env SYNCSAN_OPTIONS=lock_levels=%t.ordered %expect-exit 66 %t 2>&1 | FileCheck %s
// RUN: printf 'outer_lock 1\ninner_lock 5 ordered junk\n' > %t.junk
// RUN: env SYNCSAN_OPTIONS=lock_levels=%t.junk %expect-exit 66 %t 2>&1 | FileCheck %s --check-prefix=JUNK
// RUN: printf 'outer_lock 5x\n' > %t.5x
// RUN: env SYNCSAN_OPTIONS=lock_levels=%t.5x %expect-exit 66 %t 2>&1 | FileCheck %s --check-prefix=FIVEX
// RUN: printf 'outer_lock 1#x\n' > %t.hash
// RUN: env SYNCSAN_OPTIONS=lock_levels=%t.hash %expect-exit 66 %t 2>&1 | FileCheck %s --check-prefix=HASH
// RUN: printf 'outer_lock 1\n# two\ninner_lock 2\nouter_lock 3\n' > %t.dup
// RUN: env SYNCSAN_OPTIONS=lock_levels=%t.dup %expect-exit 66 %t 2>&1 | FileCheck %s --check-prefix=DUP
// RUN: printf 'outer_lock 1\ninner_\000lock 2\n' > %t.nul
// RUN: env SYNCSAN_OPTIONS=lock_levels=%t.nul %expect-exit 66 %t 2>&1 | FileCheck %s --check-prefix=NUL
// RUN: rm -rf %t.dir && mkdir -p %t.dir
// RUN: env SYNCSAN_OPTIONS=lock_levels=%t.dir %expect-exit 66 %t 2>&1 | FileCheck %s --check-prefix=DIR
// RUN: seq 1 257 | sed 's/^/lock_/; s/$/ 9/' > %t.many
// RUN: env SYNCSAN_OPTIONS=lock_levels=%t.many %expect-exit 66 %t 2>&1 | FileCheck %s --check-prefix=MANY
#include <pthread.h>
#include <stdio.h>

pthread_mutex_t outer_lock = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t inner_lock = PTHREAD_MUTEX_INITIALIZER;

int main(void) {
  pthread_mutex_lock(&inner_lock);
  pthread_mutex_lock(&outer_lock); /* level 1 while holding 2 */
  pthread_mutex_unlock(&outer_lock);
  pthread_mutex_unlock(&inner_lock);
  printf("program finished\n");
  return 0;
}
// CHECK-NOT: syncsan:
// CHECK: lock-level-violation: thread T0 acquires mutex M{{[0-9]+}} 'outer_lock' (0x{{[0-9a-f]+}}) (level 1) while holding mutex M{{[0-9]+}} 'inner_lock' (0x{{[0-9a-f]+}}) (level 2)
// CHECK: SUMMARY: SyncSanitizer: lock-level-violation {{.*}}level-policy-file.c:33 in main
// CHECK: program finished

// JUNK: syncsan: {{.*}}.junk:2: expected '<name-pattern> <level 1..65535> [ordered]', got 'inner_lock 5 ordered junk'
// JUNK-NOT: program finished
// FIVEX: syncsan: {{.*}}.5x:1: expected '<name-pattern> <level 1..65535> [ordered]', got 'outer_lock 5x'
// FIVEX-NOT: program finished
// HASH: syncsan: {{.*}}.hash:1: expected '<name-pattern> <level 1..65535> [ordered]', got 'outer_lock 1#x'
// HASH-NOT: program finished
// DUP: syncsan: {{.*}}.dup:4: duplicate pattern 'outer_lock' (first on line 1)
// DUP-NOT: program finished
// NUL: syncsan: {{.*}}.nul:2: a NUL byte; lock_levels files are text
// NUL-NOT: program finished
// DIR: syncsan: lock_levels file '{{.*}}.dir' is a directory
// DIR-NOT: program finished
// MANY: syncsan: {{.*}}.many:257: more than 256 levels
// MANY-NOT: program finished
