// Locks made by a library built without the pass are classed by their
// init call's return address: both objects below come from one line of the
// library, so they are two instances of one class (the class does not
// change when the report first symbolizes that call), and the inversion on
// them is found by instance. With line information the class names the
// library's line; without it, the library and the offset of the call.
// RUN: %clang %O -g -fPIC -shared %S/Inputs/layer-lib.c -o %t-g.so
// RUN: %clang %O -fPIC -shared %S/Inputs/layer-lib.c -o %t-nog.so
// RUN: %syncsan-cc %O -g %s %t-g.so -o %t-g
// RUN: %syncsan-cc %O -g %s %t-nog.so -o %t-nog
// RUN: %expect-exit 66 %t-g inverted 2>&1 | FileCheck %s --check-prefixes=CHECK,LINE
// RUN: %expect-exit 66 %t-nog inverted 2>&1 | FileCheck %s --check-prefixes=CHECK,NOLINE
// RUN: %expect-exit 0 %t-g consistent 2>&1 | FileCheck %s --check-prefix=SILENT --allow-empty
#include <pthread.h>
#include <string.h>

pthread_mutex_t *layer_alloc(void);
void layer_lock(pthread_mutex_t *m);
void layer_unlock(pthread_mutex_t *m);

static pthread_mutex_t *a, *b;

static void *ab(void *arg) {
  layer_lock(a);
  layer_lock(b);
  layer_unlock(b);
  layer_unlock(a);
  return arg;
}

static void *ba(void *arg) {
  layer_lock(b);
  layer_lock(a);
  layer_unlock(a);
  layer_unlock(b);
  return arg;
}

int main(int argc, char **argv) {
  int inverted = argc > 1 && !strcmp(argv[1], "inverted");
  a = layer_alloc();
  b = layer_alloc();
  pthread_t t;
  pthread_create(&t, NULL, ab, NULL);
  pthread_join(t, NULL);
  pthread_create(&t, NULL, inverted ? ba : ab, NULL);
  pthread_join(t, NULL);
  return 0;
}
// CHECK: ERROR: SyncSanitizer: lock-order-inversion: lock order cycle of 2 locks (potential deadlock): [[CLASS:init@[^ ]+]] instance M{{[0-9]+}} ({{.*}}) -> [[CLASS]] instance M{{[0-9]+}} ({{.*}}) -> [[CLASS]] instance M
// LINE: init@layer-lib.c:7 instance
// NOLINE: init@lib-layer-classes.c.tmp-nog.so+0x{{[0-9a-f]+}} instance
// CHECK: SUMMARY: SyncSanitizer: lock-order-inversion
// SILENT-NOT: SyncSanitizer
