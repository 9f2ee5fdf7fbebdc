// A wrapped call that throws: the pass calls __syncsan_queue_unwind on the
// invoke's unwind edge instead of __syncsan_queue_end. The operation is
// taken to have had no effect (no count, no failure), its block note and
// its in-flight mark are gone (the thread can go on using queues, and a
// later blocked push is reported as usual), and the exception passes on.
// RUN: %syncsan-cxx %O -g %s -o %t
// RUN: env SYNCSAN_OPTIONS=queue_stall_ms=200 %expect-exit 0 %t 2>&1 | FileCheck %s --implicit-check-not=SyncSanitizer
#include <cstdio>
#include <stdexcept>
#include <syncsan/syncsan.h>

#include "Inputs/qwrap.h"

static int push_or_throw(struct bq *q, int v) {
  if (v < 0)
    throw std::runtime_error("bad item");
  return bq_push(q, v);
}

static int wrapped_push(struct bq *q, int v, const struct syncsan_site *s) {
  struct syncsan_queue_call c;
  __syncsan_queue_begin(&c, &qw_bq_push, q, 0, s);
  int r;
  try {
    r = push_or_throw(q, v);
  } catch (...) {
    __syncsan_queue_unwind(&c);
    throw;
  }
  __syncsan_queue_end(&c, r);
  return r;
}

int main() {
  struct bq *q = BQ_NEW(2);
  syncsan_queue_set_name(q, "items");
  wrapped_push(q, 1, QSITE(SYNCSAN_OP_QUEUE_SEND));
  int caught = 0;
  for (int i = 0; i < 8; i++) {
    try {
      wrapped_push(q, -1, QSITE(SYNCSAN_OP_QUEUE_SEND));
    } catch (const std::exception &) {
      caught++;
    }
  }
  wrapped_push(q, 2, QSITE(SYNCSAN_OP_QUEUE_SEND));
  struct syncsan_queue_metrics m;
  syncsan_queue_metrics(q, &m);
  std::fprintf(stderr, "caught %d, pushes %llu, failed %llu, occupancy %llu\n", caught, m.pushes,
               m.failed_pushes, m.occupancy);
  int v;
  BQ_POP(q, &v);
  BQ_POP(q, &v);
  return 0;
}
// CHECK: caught 8, pushes 2, failed 0, occupancy 2
