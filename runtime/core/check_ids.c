/* Every check ID syncsan has, as plain names. The core keeps the list,
 * not the families, because a suppressions file is read before any family
 * starts and may name a check of any family. Every ID here is reported by
 * some check and documented in docs/checks.md. IDs are never removed, so
 * that a suppressions file written for an older syncsan still reads. */
#include "check_ids.h"

#include <string.h>

static const char *const check_ids[] = {
    /* locks */
    "lock-order-inversion",
    "lock-level-violation",
    "lock-level-static",
    "deadlock",
    "lock-hold-too-long",
    "double-lock",
    "unlock-not-held",
    "unlock-wrong-thread",
    "destroy-locked",
    "lock-held-at-exit",
    "condvar-wait-unlocked",
    "condvar-mutex-mismatch",
    "condvar-destroyed",
    "condvar-uninitialized",
    "lock-destroyed",
    "lock-reinit-held",
    /* atomics */
    "atomic-misaligned",
    "atomic-split-line",
    "atomic-invalid-order",
    "atomic-mixed-access",
    "atomic-false-sharing",
    "fence-without-atomic",
    "atomic-seq-cst-counter",
    /* barriers */
    "barrier-count-mismatch",
    "barrier-double-wait",
    "barrier-destroy-in-use",
    "barrier-uninitialized",
    "barrier-lock-held",
    "barrier-stall",
    /* semaphores (the barriers family's folder, a family of their own) */
    "sem-stall",
    "sem-destroy-in-use",
    "sem-uninitialized",
    /* queues */
    "queue-send-after-close",
    "queue-double-close",
    "queue-recv-after-close",
    "queue-stall",
    "queue-over-capacity",
    "queue-backpressure",
    "queue-latency",
    /* NUMA */
    "numa-cross-node",
    "numa-thread-migrated",
    "numa-pool-misplaced",
    "cpu-oversubscribed",
};

SS_HIDDEN int ss_check_id_known(const char *id) {
  for (size_t i = 0; i < SS_ARRAY_SIZE(check_ids); i++)
    if (!strcmp(check_ids[i], id))
      return 1;
  return 0;
}
