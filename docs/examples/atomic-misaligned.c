/* A message buffer parsed in place: the sequence counter at a header offset
 * read at run time (1 here) is updated atomically through a cast pointer.
 * On x86 that is a misaligned (possibly split-lock) atomic, elsewhere a
 * fault. The pass cannot prove the address, so it checks it at run time and
 * reports the address and the site, once. (With a constant offset the pass
 * reports it at compile time instead.) */
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>

static _Alignas(8) unsigned char frame[64];

__attribute__((noinline)) static void bump_sequence(unsigned char *msg, int offset) {
  _Atomic unsigned *seq = (_Atomic unsigned *)(msg + offset); /* bug: offset 1 */
  atomic_fetch_add_explicit(seq, 1, memory_order_relaxed);
}

int main(int argc, char **argv) {
  (void)argv;
  int offset = argc; /* 1 when run without arguments */
  memset(frame, 0, sizeof(frame));
  for (int i = 0; i < 3; i++)
    bump_sequence(frame, offset);
  unsigned seq;
  memcpy(&seq, frame + offset, sizeof(seq));
  printf("sequence = %u\n", seq);
  return 0;
}
