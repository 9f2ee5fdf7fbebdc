// condvar-uninitialized: a local condition variable that is waited on or
// signalled with no initialiser, no init call, and its address passed
// nowhere else, diagnosed at its first use. Near misses: every way the
// object can be initialised (init call, PTHREAD_COND_INITIALIZER, a memset,
// a helper that may initialise it), a static condvar (zero bytes are the
// initialiser), a heap one, and a struct member also written otherwise.
// RUN: %syncsan-cc -O0 -g -c %s -o %t.o 2>&1 | FileCheck %s --implicit-check-not=syncsan-
// RUN: %syncsan-cc -O2 -g -c %s -o %t.o 2>&1 | FileCheck %s --implicit-check-not=syncsan-
// RUN: %syncsan-cc -O2 -g -c %s -o %t.o -fsyncsan-disable=condvar-uninitialized 2>&1 | FileCheck %s --check-prefix=OFF --allow-empty
// OFF-NOT: syncsan-
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <threads.h>

pthread_mutex_t g_mu = PTHREAD_MUTEX_INITIALIZER;
mtx_t g_mtx;
void init_somehow(pthread_cond_t *cv);

void wait_unset(void) {
  pthread_cond_t cv;
  pthread_mutex_lock(&g_mu);
  pthread_cond_wait(&cv, &g_mu);
  // CHECK: condvar-uninitialized.c:[[@LINE-1]]:3: warning: condition variable 'cv' is used by pthread_cond_wait but never initialised: it has no initialiser, no init call, and its address goes nowhere else [syncsan-condvar-uninitialized]
  pthread_mutex_unlock(&g_mu);
  pthread_cond_signal(&cv);
}

void signal_unset(int n) {
  pthread_cond_t ready;
  for (int i = 0; i < n; i++)
    pthread_cond_broadcast(&ready);
  // CHECK: condvar-uninitialized.c:[[@LINE-1]]:5: warning: condition variable 'ready' is used by pthread_cond_broadcast but never initialised{{.*}} [syncsan-condvar-uninitialized]
}

int c11_unset(void) {
  cnd_t c;
  return cnd_signal(&c);
  // CHECK: condvar-uninitialized.c:[[@LINE-1]]:10: warning: condition variable 'c' is used by cnd_signal but never initialised{{.*}} [syncsan-condvar-uninitialized]
}

// Near misses.
void with_init(void) {
  pthread_cond_t cv;
  pthread_cond_init(&cv, NULL);
  pthread_cond_signal(&cv);
  pthread_cond_destroy(&cv);
}

void with_initializer(void) {
  pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
  pthread_cond_signal(&cv);
}

void with_memset(void) {
  pthread_cond_t cv;
  memset(&cv, 0, sizeof(cv));
  pthread_cond_signal(&cv);
}

void with_helper(void) {
  pthread_cond_t cv;
  init_somehow(&cv);
  pthread_cond_signal(&cv);
}

static pthread_cond_t s_cv;
void static_storage(void) { pthread_cond_signal(&s_cv); }

void heap(void) {
  pthread_cond_t *cv = malloc(sizeof(*cv));
  pthread_cond_signal(cv);
  free(cv);
}

struct box {
  pthread_cond_t cv;
  int n;
};
int member(void) {
  struct box b;
  b.n = 1;
  pthread_cond_signal(&b.cv);
  return b.n;
}

void c11_with_init(void) {
  cnd_t c;
  cnd_init(&c);
  mtx_lock(&g_mtx);
  cnd_wait(&c, &g_mtx);
  mtx_unlock(&g_mtx);
  cnd_destroy(&c);
}
