// lock-level-static: a lock acquired, on every path the compiler sees in
// one function, while a lock of a higher declared level (or of the same
// level outside an ordered group) is held. Near misses: the right order, a
// release first, a release on every path, an unknown call between
// (it may release), an ordered group, a try acquisition, a release through
// an undeclared pointer, a loop that releases what it takes.
// RUN: %syncsan-cc -O0 -g -c %s -o %t.o 2>&1 | FileCheck %s --implicit-check-not=syncsan-
// RUN: %syncsan-cc -O2 -g -c %s -o %t.o 2>&1 | FileCheck %s --implicit-check-not=syncsan-
// RUN: %syncsan-cc -O2 -g -c %s -o %t.o -fsyncsan-disable=lock-level-static 2>&1 | FileCheck %s --check-prefix=OFF --allow-empty
// OFF-NOT: syncsan-
#include <pthread.h>
#include <stdio.h>
#include <syncsan/syncsan.h>

pthread_mutex_t high SYNCSAN_LOCK_LEVEL(20) = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t low SYNCSAN_LOCK_LEVEL(10) = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t peer_a SYNCSAN_LOCK_LEVEL(30) = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t peer_b SYNCSAN_LOCK_LEVEL(30) = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t group_a SYNCSAN_LOCK_LEVEL_ORDERED(40) = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t group_b SYNCSAN_LOCK_LEVEL_ORDERED(40) = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t plain = PTHREAD_MUTEX_INITIALIZER;
struct table {
  pthread_mutex_t mu SYNCSAN_LOCK_LEVEL(50);
  int n;
};
void elsewhere(void);

void wrong_order(void) {
  pthread_mutex_lock(&high);
  pthread_mutex_lock(&low);
  // CHECK: lock-level-static.c:[[@LINE-1]]:3: warning: acquires lock 'low' (level 10) while holding lock 'high' (level 20) on every path here: levels must increase [syncsan-lock-level-static]
  // CHECK: lock-level-static.c:[[@LINE-3]]:3: note: the higher-level lock was acquired here
  pthread_mutex_unlock(&low);
  pthread_mutex_unlock(&high);
}

void equal_levels(void) {
  pthread_mutex_lock(&peer_a);
  printf("a library call keeps what is held\n");
  pthread_mutex_lock(&peer_b);
  // CHECK: lock-level-static.c:[[@LINE-1]]:3: warning: acquires lock 'peer_b' (level 30) while holding lock 'peer_a' (level 30) on every path here: levels must increase (equal levels only within an ordered group) [syncsan-lock-level-static]
  pthread_mutex_unlock(&peer_b);
  pthread_mutex_unlock(&peer_a);
}

void field_then_global(struct table *t) {
  pthread_mutex_lock(&t->mu);
  t->n++;
  pthread_mutex_lock(&low);
  // CHECK: lock-level-static.c:[[@LINE-1]]:3: warning: acquires lock 'low' (level 10) while holding a lock (level 50) on every path here: levels must increase [syncsan-lock-level-static]
  pthread_mutex_unlock(&low);
  pthread_mutex_unlock(&t->mu);
}

void both_branches(int c) {
  if (c)
    pthread_mutex_lock(&high);
  else
    pthread_mutex_lock(&high);
  pthread_mutex_lock(&low);
  // CHECK: lock-level-static.c:[[@LINE-1]]:3: warning: acquires lock 'low' (level 10) while holding lock 'high' (level 20){{.*}} [syncsan-lock-level-static]
  pthread_mutex_unlock(&low);
  pthread_mutex_unlock(&high);
}

/* ---- silent ---- */

void right_order(void) {
  pthread_mutex_lock(&low);
  pthread_mutex_lock(&high);
  pthread_mutex_unlock(&high);
  pthread_mutex_unlock(&low);
}

void released_first(void) {
  pthread_mutex_lock(&high);
  pthread_mutex_unlock(&high);
  pthread_mutex_lock(&low);
  pthread_mutex_unlock(&low);
}

void released_on_both_paths(int c) {
  pthread_mutex_lock(&high);
  if (c) {
    printf("one way\n");
    pthread_mutex_unlock(&high);
  } else {
    pthread_mutex_unlock(&high);
  }
  pthread_mutex_lock(&low);
  pthread_mutex_unlock(&low);
}

void unknown_call_between(void) {
  pthread_mutex_lock(&high);
  elsewhere(); /* may release high */
  pthread_mutex_lock(&low);
  pthread_mutex_unlock(&low);
}

void ordered_group(void) {
  pthread_mutex_lock(&group_a);
  pthread_mutex_lock(&group_b);
  pthread_mutex_unlock(&group_b);
  pthread_mutex_unlock(&group_a);
}

void try_first(void) {
  if (pthread_mutex_trylock(&high) == 0) {
    pthread_mutex_lock(&low); /* a try is not counted as held */
    pthread_mutex_unlock(&low);
    pthread_mutex_unlock(&high);
  }
}

void release_through(pthread_mutex_t *m) {
  pthread_mutex_lock(&high);
  pthread_mutex_unlock(m); /* may be high */
  pthread_mutex_lock(&low);
  pthread_mutex_unlock(&low);
}

void loop_releases(int n) {
  for (int i = 0; i < n; i++) {
    pthread_mutex_lock(&high);
    pthread_mutex_unlock(&high);
  }
  pthread_mutex_lock(&low);
  pthread_mutex_lock(&plain); /* undeclared: no level to compare */
  pthread_mutex_unlock(&plain);
  pthread_mutex_unlock(&low);
}
