// queue-double-close: a close that begins on a closed queue, with where
// the first close was made. The near miss: one close, from another
// thread than the creator's (silent).
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: %expect-exit 66 %t fire 2>&1 | FileCheck %s
// RUN: %expect-exit 0 %t ok 2>&1 | FileCheck %s --check-prefix=OK --implicit-check-not=SyncSanitizer
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "Inputs/qwrap.h"

static struct bq *q;

static void *closer(void *arg) {
  BQ_CLOSE(q);
  return arg;
}

int main(int argc, char **argv) {
  int fire = argc > 1 && !strcmp(argv[1], "fire");
  q = BQ_NEW(2);
  pthread_t t;
  pthread_create(&t, NULL, closer, NULL);
  pthread_join(t, NULL);
  if (fire)
    BQ_CLOSE(q);
  BQ_FREE(q);
  fprintf(stderr, "done\n");
  return 0;
}
// CHECK: ERROR: SyncSanitizer: queue-double-close: queue 0x{{[0-9a-f]+}} created at {{.*}}double-close.c:22:{{[0-9]+}} closed twice (bq_close)
// CHECK: Second close by thread T0:
// CHECK-NEXT: #0 main {{.*}}double-close.c:27:{{[0-9]+}}
// CHECK: was closed (bq_close) by thread T1 at:
// CHECK-NEXT: #0 closer {{.*}}double-close.c:16:{{[0-9]+}}
// CHECK: SUMMARY: SyncSanitizer: queue-double-close {{.*}}double-close.c:27 in main
// CHECK: done
// OK: done
