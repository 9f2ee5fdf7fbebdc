// Zero-initialised locks in heap objects (no init call: the common C idiom)
// take the class of their first acquisition's site, not one class each: a
// server with more objects than max_lock_classes (65536) keeps its
// lock-order checking. After 70000 objects locked under a global lock, an
// inversion between two such classes (a session's lock and a user's lock)
// is still found; hand-over-hand locking over objects of one class is
// ordered by instance (silent), and walking back is reported.
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: %expect-exit 66 timeout 60 %t 2>&1 | FileCheck %s
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#define NOBJ 70000
struct session {
  int id;
  pthread_mutex_t mu;
};
struct user {
  pthread_mutex_t mu;
  struct user *next;
};

static pthread_mutex_t registry = PTHREAD_MUTEX_INITIALIZER;

static void touch(struct session *s) {
  pthread_mutex_lock(&registry);
  pthread_mutex_lock(&s->mu); /* every session's first acquisition */
  s->id++;
  pthread_mutex_unlock(&s->mu);
  pthread_mutex_unlock(&registry);
}

static void session_then_user(struct session *s, struct user *u) {
  pthread_mutex_lock(&s->mu);
  pthread_mutex_lock(&u->mu); /* the users' first acquisition */
  pthread_mutex_unlock(&u->mu);
  pthread_mutex_unlock(&s->mu);
}

static void user_then_session(struct user *u, struct session *s) {
  pthread_mutex_lock(&u->mu);
  pthread_mutex_lock(&s->mu); /* closes the cycle */
  pthread_mutex_unlock(&s->mu);
  pthread_mutex_unlock(&u->mu);
}

int main(void) {
  static struct session *all[NOBJ];
  for (int i = 0; i < NOBJ; i++) {
    all[i] = calloc(1, sizeof(struct session));
    touch(all[i]);
  }
  fprintf(stderr, "sessions: %d\n", NOBJ);

  struct user *users = NULL;
  for (int i = 0; i < 4; i++) {
    struct user *u = calloc(1, sizeof(*u));
    u->next = users;
    users = u;
    session_then_user(all[i], u);
  }
  /* Hand over hand down the list: one class, in instance order. */
  pthread_mutex_lock(&users->mu);
  for (struct user *u = users; u->next; u = u->next) {
    pthread_mutex_lock(&u->next->mu);
    pthread_mutex_unlock(&u->mu);
  }
  for (struct user *u = users; u; u = u->next)
    if (!u->next)
      pthread_mutex_unlock(&u->mu);
  fprintf(stderr, "hand over hand: done\n");

  user_then_session(users, all[NOBJ - 1]);
  fprintf(stderr, "inversion: done\n");

  /* Back up the list: two users in the opposite instance order. */
  struct user *second = users->next;
  pthread_mutex_lock(&second->mu);
  pthread_mutex_lock(&users->mu);
  pthread_mutex_unlock(&users->mu);
  pthread_mutex_unlock(&second->mu);
  return 0;
}
// CHECK-NOT: max_lock_classes
// CHECK-NOT: SyncSanitizer: {{[a-z-]+}}:
// CHECK: sessions: 70000
// CHECK-NOT: SyncSanitizer: {{[a-z-]+}}:
// CHECK: hand over hand: done
// CHECK: ERROR: SyncSanitizer: lock-order-inversion: lock order cycle of 2 locks (potential deadlock): first-use@zero-init-classes.c:36 -> first-use@zero-init-classes.c:28 -> first-use@zero-init-classes.c:36
// CHECK: SUMMARY: SyncSanitizer: lock-order-inversion {{.*}}zero-init-classes.c:43 in user_then_session
// CHECK: inversion: done
// CHECK: ERROR: SyncSanitizer: lock-order-inversion: lock order cycle of 2 locks (potential deadlock): first-use@zero-init-classes.c:36 instance M{{[0-9]+}} (0x{{[0-9a-f]+}}) -> first-use@zero-init-classes.c:36 instance M{{[0-9]+}} (0x{{[0-9a-f]+}}) -> first-use@zero-init-classes.c:36 instance
// CHECK: SUMMARY: SyncSanitizer: lock-order-inversion {{.*}}zero-init-classes.c:80 in main
// CHECK-NOT: max_lock_classes
// CHECK: SyncSanitizer: 2 error reports
