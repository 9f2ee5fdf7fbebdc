/* Multi-stage pipeline over bounded queues.
 *
 *   source --q1--> transform x T --q2--> pack --q3--> sink (in order)
 *
 * The source generates numbered blocks of pseudo-random text; transform
 * workers run-length encode them and compute a checksum of each block;
 * the pack stage folds the encoded bytes into 64-bit words; the sink
 * restores sequence order with a reorder window (blocks leave the
 * transform stage out of order) and folds everything into one digest.
 * Closing q1 drains the pipeline stage by stage: the last transform worker
 * to finish closes q2, and so on, as in real pipelines. Blocks are heap
 * buffers handed from stage to stage; each stage owns a block while it
 * holds it, so only the queues synchronise. The sink hands a credit back to
 * the source for every block it retires, in order, so at most IN_FLIGHT
 * blocks exist at once: memory stays bounded (and the same from run to
 * run) however the stages are scheduled.
 *
 *   pipeline [-n BLOCKS] [-t TRANSFORM_WORKERS] */
#include <pthread.h>

#include "../common/bench.h"
#include "../common/bqueue.h"

#define BLOCK_BYTES 4096
#define QUEUE_CAP 16
#define IN_FLIGHT 64

struct block {
  uint64_t seq;
  size_t len, rle_len;
  uint64_t crc, packed;
  unsigned char data[BLOCK_BYTES];
  unsigned char rle[2 * BLOCK_BYTES];
};

struct pipeline {
  struct bqueue q1, q2, q3;
  struct bqueue credits; /* sink -> source: room for one more block */
  long nblocks;
  pthread_mutex_t done_lock; /* counts finished transform workers */
  int transforms_left;
};

static void *source(void *arg) {
  struct pipeline *p = arg;
  uint64_t rng = 7;
  uint64_t credit;
  for (long i = 0; i < p->nblocks; i++) {
    if (bq_pop(&p->credits, &credit) != 0)
      bench_fail("credit queue closed");
    struct block *b = malloc(sizeof(*b));
    if (!b)
      bench_fail("out of memory");
    b->seq = (uint64_t)i;
    b->len = BLOCK_BYTES;
    /* Runs of letters: compressible, but not trivially. */
    size_t pos = 0;
    while (pos < BLOCK_BYTES) {
      uint64_t r = bench_rand(&rng);
      size_t run = 1 + (r & 15);
      unsigned char c = (unsigned char)('a' + (r >> 8) % 26);
      for (size_t k = 0; k < run && pos < BLOCK_BYTES; k++)
        b->data[pos++] = c;
    }
    bq_push(&p->q1, (uint64_t)(uintptr_t)b);
  }
  bq_close(&p->q1);
  return NULL;
}

static void rle_encode(struct block *b) {
  size_t out = 0;
  for (size_t i = 0; i < b->len;) {
    size_t j = i;
    while (j < b->len && j - i < 255 && b->data[j] == b->data[i])
      j++;
    b->rle[out++] = (unsigned char)(j - i);
    b->rle[out++] = b->data[i];
    i = j;
  }
  b->rle_len = out;
  uint64_t h = BENCH_MIX_INIT;
  for (size_t i = 0; i < b->len; i += 8) {
    uint64_t w;
    memcpy(&w, b->data + i, 8);
    h = bench_mix(h, w);
  }
  b->crc = h;
}

static void *transform(void *arg) {
  struct pipeline *p = arg;
  uint64_t v;
  while (bq_pop(&p->q1, &v) == 0) {
    struct block *b = (struct block *)(uintptr_t)v;
    rle_encode(b);
    bq_push(&p->q2, v);
  }
  pthread_mutex_lock(&p->done_lock);
  int last = --p->transforms_left == 0;
  pthread_mutex_unlock(&p->done_lock);
  if (last)
    bq_close(&p->q2);
  return NULL;
}

static void *pack(void *arg) {
  struct pipeline *p = arg;
  uint64_t v;
  while (bq_pop(&p->q2, &v) == 0) {
    struct block *b = (struct block *)(uintptr_t)v;
    uint64_t acc = b->crc;
    for (size_t i = 0; i < b->rle_len; i++)
      acc = acc * 131 + b->rle[i];
    b->packed = acc;
    bq_push(&p->q3, v);
  }
  bq_close(&p->q3);
  return NULL;
}

/* Runs on the main thread: restores order and digests. The credits keep
 * every block in flight within IN_FLIGHT of the next one due, so that is
 * the reorder window. */
static uint64_t sink(struct pipeline *p, uint64_t *bytes_out) {
  long window = IN_FLIGHT;
  struct block **pending = calloc((size_t)window, sizeof(*pending));
  if (!pending)
    bench_fail("out of memory");
  uint64_t next = 0, digest = BENCH_MIX_INIT, v;
  *bytes_out = 0;
  while (bq_pop(&p->q3, &v) == 0) {
    struct block *b = (struct block *)(uintptr_t)v;
    if (b->seq < next || b->seq - next >= (uint64_t)window)
      bench_fail("block outside the reorder window");
    pending[b->seq % (uint64_t)window] = b;
    while (pending[next % (uint64_t)window]) {
      struct block *d = pending[next % (uint64_t)window];
      pending[next % (uint64_t)window] = NULL;
      digest = bench_mix(digest, d->packed);
      *bytes_out += d->rle_len;
      free(d);
      next++;
      bq_push(&p->credits, 1);
    }
  }
  free(pending);
  if ((long)next != p->nblocks)
    bench_fail("blocks lost in the pipeline");
  return digest;
}

int main(int argc, char **argv) {
  struct pipeline p;
  p.nblocks = bench_arg_long(argc, argv, "-n", 70000);
  int ntransform = (int)bench_arg_long(argc, argv, "-t", 2);
  bq_init(&p.q1, QUEUE_CAP);
  bq_init(&p.q2, QUEUE_CAP);
  bq_init(&p.q3, QUEUE_CAP);
  bq_init(&p.credits, IN_FLIGHT);
  for (int i = 0; i < IN_FLIGHT; i++)
    bq_push(&p.credits, 1);
  BENCH_CHECK(pthread_mutex_init(&p.done_lock, NULL));
  p.transforms_left = ntransform;

  pthread_t src, pk, *tr = calloc((size_t)ntransform, sizeof(*tr));
  if (!tr)
    bench_fail("out of memory");
  BENCH_CHECK(pthread_create(&src, NULL, source, &p));
  for (int i = 0; i < ntransform; i++)
    BENCH_CHECK(pthread_create(&tr[i], NULL, transform, &p));
  BENCH_CHECK(pthread_create(&pk, NULL, pack, &p));
  uint64_t bytes;
  uint64_t digest = sink(&p, &bytes);
  BENCH_CHECK(pthread_join(src, NULL));
  for (int i = 0; i < ntransform; i++)
    BENCH_CHECK(pthread_join(tr[i], NULL));
  BENCH_CHECK(pthread_join(pk, NULL));

  bq_destroy(&p.q1);
  bq_destroy(&p.q2);
  bq_destroy(&p.q3);
  bq_destroy(&p.credits);
  BENCH_CHECK(pthread_mutex_destroy(&p.done_lock));
  free(tr);
  printf("pipeline blocks %ld encoded_bytes %llu digest %016llx\n", p.nblocks,
         (unsigned long long)bytes, (unsigned long long)digest);
  return 0;
}
