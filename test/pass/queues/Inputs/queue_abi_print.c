/* A stand-in for the runtime's queue entry points, for this directory's
 * tests only: it prints what the wrapped calls pass (descriptor, handle,
 * capacity, site, result), so that a test sees the wrapping end to end
 * without the runtime. With QSTUB_TIMED set, begin asks for the timed form
 * of operations that have one, and timed_again retries a failed timed call
 * once. Linked with plain clang, never with the runtime. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

#include "syncsan/abi.h"
#include "syncsan/abi_queue.h"

void __syncsan_init(uint32_t abi_version) { (void)abi_version; }

static const struct syncsan_queue_desc *desc_of(struct syncsan_queue_call *c) {
  return (const struct syncsan_queue_desc *)(uintptr_t)c->state[0];
}

uint32_t __syncsan_queue_begin(struct syncsan_queue_call *c, const struct syncsan_queue_desc *d,
                               void *handle, uint64_t capacity, const struct syncsan_site *site) {
  c->state[0] = (uintptr_t)d;
  c->state[1] = 0;
  printf("begin %s role=%u ok=%u flags=%u handle=%d capacity_arg=%d capacity=%u declared=%s"
         " | queue=%p capacity=%" PRIu64 " site=%s:%u in %s op=%u object=%s\n",
         d->function, d->role, d->ok, d->flags, d->handle, d->capacity_arg, d->capacity,
         d->declared, handle, capacity, site->file, site->line, site->function, site->op,
         site->object ? site->object : "-");
  if ((d->flags & SYNCSAN_QUEUE_HAS_TIMED) && getenv("QSTUB_TIMED"))
    return SYNCSAN_QUEUE_CALL_TIMED;
  return SYNCSAN_QUEUE_CALL_PLAIN;
}

int64_t __syncsan_queue_timeout_ms(struct syncsan_queue_call *c) {
  printf("timeout_ms %s\n", desc_of(c)->function);
  return 25;
}

uint32_t __syncsan_queue_timed_again(struct syncsan_queue_call *c, int64_t r) {
  uint32_t again = r != 0 && ++c->state[1] < 2;
  printf("timed_again %s r=%" PRId64 " -> %u\n", desc_of(c)->function, r, again);
  return again;
}

void __syncsan_queue_end(struct syncsan_queue_call *c, int64_t r) {
  printf("end %s r=%" PRId64 "\n", desc_of(c)->function, r);
}

void __syncsan_queue_unwind(struct syncsan_queue_call *c) {
  printf("unwind %s\n", desc_of(c)->function);
}
