// max_queues bounds the table: past it, a new queue goes unchecked with a
// one-time warning (its calls still run, exactly once, unchanged), and a
// destroyed queue's record is free for a new one. Without the bound, the
// same program's three queues are all known.
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: env SYNCSAN_OPTIONS=max_queues=2 %expect-exit 0 %t 2>&1 | FileCheck %s --check-prefix=TWO
// RUN: %expect-exit 0 %t 2>&1 | FileCheck %s --check-prefix=ALL --implicit-check-not=SyncSanitizer
#include <stdio.h>
#include <syncsan/syncsan.h>

#include "Inputs/qwrap.h"

static int known(const void *q) {
  struct syncsan_queue_metrics m;
  return syncsan_queue_metrics(q, &m) == 0;
}

int main(void) {
  struct bq *a = BQ_NEW(1), *b = BQ_NEW(1), *c = BQ_NEW(1);
  int v;
  /* Untracked or not, each call runs once with its own result. */
  int pushed = BQ_PUSH(c, 7), full = BQ_TRY_PUSH(c, 8);
  fprintf(stderr, "c: push %d, try_push %d, holds %u, pops %d\n", pushed, full, c->n,
          BQ_TRY_POP(c, &v) == 0 && v == 7);
  fprintf(stderr, "known: %d %d %d\n", known(a), known(b), known(c));
  BQ_FREE(a);
  struct bq *d = BQ_NEW(1);
  fprintf(stderr, "after a free: d known %d\n", known(d));
  BQ_FREE(b);
  BQ_FREE(c);
  BQ_FREE(d);
  return 0;
}
// TWO: WARNING: SyncSanitizer: more than max_queues=2 live queues; queues made past that are not checked
// TWO-NOT: max_queues
// TWO: c: push 0, try_push 11, holds 1, pops 1
// TWO: known: 1 1 0
// TWO: after a free: d known 1
// ALL: c: push 0, try_push 11, holds 1, pops 1
// ALL: known: 1 1 1
// ALL: after a free: d known 1
