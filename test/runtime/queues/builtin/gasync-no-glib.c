// A program that does not link GLib starts and ends without a word about
// it, though its executable exports the (weak) GAsyncQueue interposers;
// GLib's functions are looked up only when first called. A plugin it
// dlopens that does use GLib is then seen through those interposers: the
// plugin's calls reach GLib's queue (loaded with it) and are counted.
// REQUIRES: glib
// RUN: %clang %O -g -fPIC -shared %glib_cflags %S/Inputs/gasync-lib.c %glib_libs -o %t-lib.so
// RUN: %syncsan-cc %O -g %s -ldl -o %t
// RUN: readelf -d %t | FileCheck %s --check-prefix=NEEDED --implicit-check-not=libglib
// RUN: readelf --dyn-syms -W %t | FileCheck %s --check-prefix=SYMS
// RUN: %expect-exit 0 %t 2>&1 | FileCheck %s --check-prefix=ALONE --implicit-check-not=SyncSanitizer --implicit-check-not=syncsan
// RUN: %expect-exit 0 %t %t-lib.so 2>&1 | FileCheck %s --check-prefix=PLUGIN --implicit-check-not=SyncSanitizer --implicit-check-not=syncsan
#include <dlfcn.h>
#include <stdio.h>
#include <syncsan/syncsan.h>

int main(int argc, char **argv) {
  if (argc < 2) {
    printf("no plugin\n");
    return 0;
  }
  void *lib = dlopen(argv[1], RTLD_NOW);
  if (!lib) {
    printf("dlopen: %s\n", dlerror());
    return 2;
  }
  void *(*new_q)(void) = (void *(*)(void))dlsym(lib, "jobq_new");
  void (*push)(void *, int) = (void (*)(void *, int))dlsym(lib, "jobq_push");
  int (*pop)(void *) = (int (*)(void *))dlsym(lib, "jobq_pop");
  void (*free_q)(void *) = (void (*)(void *))dlsym(lib, "jobq_free");
  void *q = new_q();
  for (int i = 1; i <= 10; i++)
    push(q, i);
  int sum = 0;
  for (int i = 0; i < 10; i++)
    sum += pop(q);
  struct syncsan_queue_metrics m;
  int known = syncsan_queue_metrics(q, &m);
  printf("sum %d, known %d, pushes %llu pops %llu\n", sum, known, known ? 0 : m.pushes,
         known ? 0 : m.pops);
  free_q(q);
  return 0;
}
// NEEDED: Dynamic section
// SYMS-DAG: WEAK DEFAULT {{[0-9]+}} g_async_queue_new{{$}}
// SYMS-DAG: WEAK DEFAULT {{[0-9]+}} g_async_queue_pop{{$}}
// ALONE: no plugin
// PLUGIN: sum 55, known 0, pushes 10 pops 10
