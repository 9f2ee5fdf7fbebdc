// The annotated bounded blocking queue (Inputs/bq.h) through the pass and
// the runtime, with no hand-written wrapping: the pass wraps every call of
// the annotated functions. Fires: a push after close, a second close, a
// consumer stalled on an empty queue whose producer has exited (made to
// fail by a stall listener through the timed form bq_pop_for, or left
// waiting and reported). Near miss: producers and consumers through the
// queue, closed and drained, with the metrics syncsan counted.
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: %expect-exit 66 %t after-close 2>&1 | FileCheck %s --check-prefix=CLOSE
// RUN: env SYNCSAN_OPTIONS=queue_stall_ms=200 %expect-exit 66 %t stall-fail 2>&1 | FileCheck %s --check-prefix=FAIL
// RUN: env SYNCSAN_OPTIONS=queue_stall_ms=200 %expect-exit 66 %t stall 2>&1 | FileCheck %s --check-prefix=STALL
// RUN: %expect-exit 0 %t ok 2>&1 | FileCheck %s --check-prefix=OK --implicit-check-not=SyncSanitizer
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "Inputs/bq.h"

static struct bq q;

static void *producer(void *arg) {
  for (int i = 0; i < 2000; i++)
    bq_push(&q, i);
  return arg;
}

static void *producer3(void *arg) {
  for (int i = 0; i < 3; i++)
    bq_push(&q, i);
  return arg;
}

static void *consumer(void *arg) {
  long sum = 0;
  int v;
  while (bq_pop(&q, &v) == 0)
    sum += v;
  return (void *)sum;
}

static void *closer(void *arg) {
  usleep(700 * 1000);
  bq_close(&q);
  return arg;
}

static int fail_it(const struct syncsan_queue_stall *s, void *arg) {
  (void)arg;
  fprintf(stderr, "listener: %s push=%d fn=%s\n", s->name, s->push, s->function);
  return SYNCSAN_QUEUE_FAIL;
}

int main(int argc, char **argv) {
  const char *m = argc > 1 ? argv[1] : "";
  bq_init(&q, 8);
  syncsan_queue_set_name(&q, "jobs");
  int v = 0;
  if (!strcmp(m, "after-close")) {
    bq_push(&q, 1);
    bq_close(&q);
    fprintf(stderr, "push: %d\n", bq_push(&q, 2));
    bq_close(&q);
  } else if (!strcmp(m, "stall-fail")) {
    syncsan_queue_on_stall(fail_it, NULL);
    pthread_t p;
    pthread_create(&p, NULL, producer3, NULL);
    pthread_join(p, NULL);
    while (bq_try_pop(&q, &v) == 0)
      ;
    fprintf(stderr, "pop: %d\n", bq_pop(&q, &v));
  } else if (!strcmp(m, "stall")) {
    pthread_t c;
    pthread_create(&c, NULL, closer, NULL);
    fprintf(stderr, "pop: %d\n", bq_pop(&q, &v));
    pthread_join(c, NULL);
  } else {
    pthread_t p[2], c[2];
    long sum = 0;
    for (int i = 0; i < 2; i++) {
      pthread_create(&c[i], NULL, consumer, NULL);
      pthread_create(&p[i], NULL, producer, NULL);
    }
    for (int i = 0; i < 2; i++)
      pthread_join(p[i], NULL);
    bq_close(&q);
    for (int i = 0; i < 2; i++) {
      void *r;
      pthread_join(c[i], &r);
      sum += (long)r;
    }
    struct syncsan_queue_metrics mt;
    int rc = syncsan_queue_metrics(&q, &mt);
    fprintf(stderr, "sum %ld metrics %d pushes=%llu pops=%llu failed_pops=%llu capacity=%llu\n", sum,
            rc, mt.pushes, mt.pops, mt.failed_pops, mt.capacity);
  }
  bq_destroy(&q);
  fprintf(stderr, "done\n");
  return 0;
}
// CLOSE: ERROR: SyncSanitizer: queue-send-after-close: push (bq_push) to queue 'jobs' (0x{{[0-9a-f]+}}) after it was closed
// CLOSE: #0 main {{.*}}bq-annotated.c:61:{{[0-9]+}}
// CLOSE: SUMMARY: SyncSanitizer: queue-send-after-close
// CLOSE: push: 32
// CLOSE: ERROR: SyncSanitizer: queue-double-close: {{.*}}queue 'jobs'
// CLOSE: SUMMARY: SyncSanitizer: queue-double-close
// CLOSE: done

// FAIL: listener: jobs push=0 fn=bq_pop
// FAIL: ERROR: SyncSanitizer: queue-stall: thread T0 has been blocked popping from queue 'jobs' (0x{{[0-9a-f]+}}) for {{[0-9]+}} ms (0 of 8 items)
// FAIL: the pop is made to fail (stall action fail, from a stall listener)
// FAIL: pop: 110
// FAIL: done

// STALL: ERROR: SyncSanitizer: queue-stall: thread T0 has been blocked popping from queue 'jobs' (0x{{[0-9a-f]+}}) for {{[0-9]+}} ms (0 of 8 items)
// STALL: pop: 32
// STALL: done

// OK: sum 3998000 metrics 0 pushes=4000 pops=4000 failed_pops=2 capacity=8
// OK: done
