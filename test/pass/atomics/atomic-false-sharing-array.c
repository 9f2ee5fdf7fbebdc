// atomic-false-sharing between the slots of one atomic array: each thread
// writes the slot its argument names, elements are smaller than a cache
// line, so neighbouring threads' slots share lines. Reported at the array's
// declaration (where the fix goes), with a note at the write, when the
// writer runs on more than one thread: its thread entry is started in a
// loop or at two places, or writers are reached from different entries.
// RUN: %syncsan-cc -O0 -g -c %s -o %t.o 2>&1 | FileCheck %s --implicit-check-not=syncsan-
// RUN: %syncsan-cc -O2 -g -c %s -o %t.o 2>&1 | FileCheck %s --implicit-check-not=syncsan-
#include <pthread.h>
#include <stdatomic.h>
#include <threads.h>

#define NTHREADS 4

// Written by a helper that both main and a thread call.
struct stats {
  int n;
  _Atomic int hits[16];
  // CHECK: atomic-false-sharing-array.c:[[@LINE-1]]:15: warning: the 4-byte slots of 'stats.hits' are written atomically at indices known only at run time, by more than one thread (by 'record', reached from different thread entries), and 16 of them fit in one 64-byte cache line{{.*}} [syncsan-atomic-false-sharing]
  // CHECK: note: atomic write of a slot of 'stats.hits' here
} stats;

_Atomic long counters[NTHREADS];
// CHECK: atomic-false-sharing-array.c:[[@LINE-1]]:14: warning: the 8-byte slots of 'counters' are written atomically at indices known only at run time, by more than one thread (by 'worker', started as more than one thread), and 4 of them fit in one 64-byte cache line, so the threads' slots share lines (false sharing); give each slot its own cache line: make the element a struct whose atomic is declared _Alignas(64) in C or alignas(64) in C++, so that each slot is 64 bytes [syncsan-atomic-false-sharing]
// CHECK-NEXT: {{^ +}}[[@LINE-2]] | _Atomic long counters[NTHREADS];
// CHECK: atomic-false-sharing-array.c:{{[0-9]+}}:5: note: atomic write of a slot of 'counters' here

// Near misses: slots padded to a line each; an array a thread started once
// writes at run-time indices; slots written at constant indices by one
// thread entry; a thread-local array.
struct padded { _Alignas(64) _Atomic long v; };
struct padded padded_slots[NTHREADS];
_Atomic long once_slots[NTHREADS];
_Atomic long fixed_slots[NTHREADS];
_Thread_local _Atomic long tls_slots[NTHREADS];

static void record(int key) { atomic_fetch_add_explicit(&stats.hits[key & 15], 1, memory_order_relaxed); }

static void *worker(void *arg) {
  long id = (long)arg;
  for (int i = 0; i < 1000; i++) {
    atomic_fetch_add_explicit(&counters[id], 1, memory_order_relaxed);
    atomic_fetch_add_explicit(&padded_slots[id].v, 1, memory_order_relaxed);
    atomic_fetch_add_explicit(&tls_slots[id], 1, memory_order_relaxed);
  }
  return 0;
}

static int once(void *arg) {
  long id = (long)arg;
  for (int i = 0; i < 1000; i++) {
    atomic_fetch_add_explicit(&once_slots[id], 1, memory_order_relaxed);
    atomic_store_explicit(&fixed_slots[1], i, memory_order_relaxed);
    atomic_store_explicit(&fixed_slots[2], i, memory_order_relaxed);
  }
  record((int)id);
  return 0;
}

int main(void) {
  pthread_t t[NTHREADS];
  thrd_t u;
  for (long i = 0; i < NTHREADS; i++)
    pthread_create(&t[i], 0, worker, (void *)i);
  thrd_create(&u, once, (void *)2);
  record(7);
  for (int i = 0; i < NTHREADS; i++)
    pthread_join(t[i], 0);
  thrd_join(u, 0);
  return (int)counters[0];
}
