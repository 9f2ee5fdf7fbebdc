// A JSON report too long for the report buffer is still one valid JSON
// object (its headline, marked "truncated"), not a cut line: here twelve
// held locks at exit, each section naming a source file whose path is
// 800 bytes long.
// DEFINE: %{long} = dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd/eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee/ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff/gggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggg
// RUN: rm -rf %t.d && mkdir -p %t.d/%{long}
// RUN: cp %s %t.d/%{long}/long.c
// RUN: %syncsan-cc %O -g %t.d/%{long}/long.c -o %t
// RUN: env SYNCSAN_OPTIONS=log_format=json %expect-exit 66 %t 2> %t.log
// RUN: python3 %S/Inputs/json_lines.py < %t.log | FileCheck %s
// RUN: FileCheck %s --check-prefix=RAW < %t.log
// CHECK: report lock-held-at-exit
// CHECK: all JSON
// RAW: "check":"lock-held-at-exit","message":"the process exits while thread T0 holds 12 locks","truncated":true}
#include <pthread.h>

static pthread_mutex_t m[12];

int main(void) {
  for (int i = 0; i < 12; i++) {
    pthread_mutex_init(&m[i], NULL);
    pthread_mutex_lock(&m[i]);
  }
  return 0;
}
