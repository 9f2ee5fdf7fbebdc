// Locks of one class nested: hand-over-hand down a list (many threads, one
// direction) is ordered by instance and stays silent; walking it the other
// way in a thread that did not join the walkers inverts two instances and
// is reported. syncsan_lock_nested() puts a nested acquisition in its own
// subclass, so parent -> child nesting in a fixed role order is silent.
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: %expect-exit 0 %t forward 2>&1 | FileCheck %s --check-prefix=OK --allow-empty
// RUN: %expect-exit 66 %t backward 2>&1 | FileCheck %s --check-prefix=BACK
// RUN: %expect-exit 0 %t nested 2>&1 | FileCheck %s --check-prefix=OK --allow-empty
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <syncsan/syncsan.h>

#define N 100
struct node { pthread_mutex_t lock; struct node *next, *prev; int v; };
static struct node nodes[N];
pthread_mutex_t stats = PTHREAD_MUTEX_INITIALIZER;

static void *walk_forward(void *arg) {
  struct node *cur = &nodes[0];
  pthread_mutex_lock(&cur->lock);
  while (cur->next) {
    struct node *next = cur->next;
    pthread_mutex_lock(&next->lock);
    pthread_mutex_unlock(&cur->lock);
    next->v++;
    cur = next;
  }
  pthread_mutex_unlock(&cur->lock);
  return arg;
}

static void walk_backward(void) {
  struct node *cur = &nodes[N - 1];
  pthread_mutex_lock(&cur->lock);
  while (cur->prev) {
    struct node *prev = cur->prev;
    pthread_mutex_lock(&prev->lock);
    pthread_mutex_unlock(&cur->lock);
    cur = prev;
  }
  pthread_mutex_unlock(&cur->lock);
}

/* Parent then child, with the child marked as subclass 1, in both "a is
 * parent" and "b is parent" configurations: no instance order between
 * them, by design of the annotation. */
static void parent_child(struct node *parent, struct node *child) {
  pthread_mutex_lock(&parent->lock);
  syncsan_lock_nested(&child->lock, 1);
  pthread_mutex_lock(&child->lock);
  pthread_mutex_lock(&stats); /* another class under both: no cycle either */
  pthread_mutex_unlock(&stats);
  pthread_mutex_unlock(&child->lock);
  pthread_mutex_unlock(&parent->lock);
}

/* In a thread of its own: main, having joined the forward walkers, could
 * not deadlock with them (their walks are over). */
static void *walk_backward_thread(void *arg) {
  walk_backward();
  return arg;
}

int main(int argc, char **argv) {
  (void)argc;
  for (int i = 0; i < N; i++) {
    pthread_mutex_init(&nodes[i].lock, NULL);
    nodes[i].next = i + 1 < N ? &nodes[i + 1] : NULL;
    nodes[i].prev = i ? &nodes[i - 1] : NULL;
  }
  if (!strcmp(argv[1], "nested")) {
    parent_child(&nodes[0], &nodes[1]);
    parent_child(&nodes[1], &nodes[0]);
    return 0;
  }
  pthread_t t[4];
  for (int i = 0; i < 4; i++)
    pthread_create(&t[i], NULL, walk_forward, NULL);
  for (int i = 0; i < 4; i++)
    pthread_join(t[i], NULL);
  if (!strcmp(argv[1], "backward")) {
    pthread_t b;
    pthread_create(&b, NULL, walk_backward_thread, NULL);
    pthread_join(b, NULL);
  }
  return 0;
}
// OK-NOT: SyncSanitizer
// BACK: ERROR: SyncSanitizer: lock-order-inversion: lock order cycle of 2 locks (potential deadlock): 'nodes[99]' -> 'nodes[98]' -> 'nodes[99]'
// BACK: SUMMARY: SyncSanitizer: lock-order-inversion {{.*}}nested-same-class.c:39 in walk_backward
