// The lock profile in JSON stays one valid JSON object however many lock
// classes there are: rows that do not fit its buffer are left out and
// counted (rows_omitted), never cut in the middle. (3000 classes: one per
// instance with lock_order_by_instance=1.)
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: env SYNCSAN_OPTIONS=profile_locks=1:log_format=json:lock_order_by_instance=1 %expect-exit 0 %t 2> %t.json
// RUN: python3 %S/../core/Inputs/json_lines.py < %t.json | FileCheck %s
// RUN: FileCheck %s --check-prefix=OMITTED < %t.json
// CHECK: profile
// CHECK: all JSON
// OMITTED: "rows_omitted":{{[1-9][0-9]*}}}
#include <pthread.h>
#include <stdlib.h>

#define N 3000

int main(void) {
  pthread_mutex_t *m = calloc(N, sizeof(*m));
  for (int i = 0; i < N; i++) {
    pthread_mutex_init(&m[i], NULL);
    pthread_mutex_lock(&m[i]);
    pthread_mutex_unlock(&m[i]);
  }
  return 0;
}
