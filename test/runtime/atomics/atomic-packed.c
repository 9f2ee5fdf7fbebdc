// Atomics clang already marked under-aligned (a packed struct's field) stay
// as compiled (libatomic calls, hence -latomic) with a check-only hook in front: reported
// when the address really is misaligned, silent when it happens to be
// aligned. Each site is reported once, even from several threads.
// RUN: %syncsan-cc %O -g %s -o %t -latomic
// RUN: %expect-exit 66 %t 2>&1 | FileCheck %s --implicit-check-not=SyncSanitizer:
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>

struct __attribute__((packed)) record {
  char tag;
  _Atomic int seq;
};

__attribute__((noinline)) int next_seq(struct record *r) { return atomic_fetch_add(&r->seq, 1); }

static _Alignas(64) unsigned char arena[256];
static struct record *shared;

static void *worker(void *arg) {
  for (int i = 0; i < 1000; i++)
    next_seq(shared);
  return arg;
}

int main(int argc, char **argv) {
  (void)argv;
  // tag at 3, seq at 4: aligned by luck, silent.
  struct record *lucky = (struct record *)(arena + 2 + argc);
  next_seq(lucky);
  // tag at 64, seq at 65: misaligned.
  shared = (struct record *)(arena + 63 + argc);
  pthread_t t[3];
  for (int i = 0; i < 3; i++)
    pthread_create(&t[i], 0, worker, 0);
  for (int i = 0; i < 3; i++)
    pthread_join(t[i], 0);
  printf("seq %d\n", next_seq(shared));
  return 0;
}
// CHECK: ERROR: SyncSanitizer: atomic-misaligned: 4-byte atomic read-modify-write at 0x{{[0-9a-f]+}} is misaligned: it needs 4-byte alignment but the address is 1 modulo 4
// CHECK-NEXT: atomic read-modify-write by thread T{{[1-3]}}:
// CHECK-NEXT: #0 next_seq {{.*}}atomic-packed.c:16
// CHECK: SUMMARY: SyncSanitizer: atomic-misaligned
// CHECK: seq 3000
// CHECK: SyncSanitizer: 1 error report
