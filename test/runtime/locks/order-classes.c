// Order is learned per class (the init site of a struct's lock): objects x,y
// teach it, other objects of the same classes inherit it. With
// lock_order_by_instance=1 every lock is its own class and the two pairs of
// objects share nothing.
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: %expect-exit 66 %t 2>&1 | FileCheck %s
// RUN: env SYNCSAN_OPTIONS=lock_order_by_instance=1 %expect-exit 0 %t 2>&1 | FileCheck %s --check-prefix=INSTANCE --allow-empty
#include <pthread.h>
#include <stdlib.h>

struct inode { pthread_mutex_t lock; int n; };
struct dentry { pthread_mutex_t lock; int n; };

static struct inode *inode_new(void) {
  struct inode *i = calloc(1, sizeof(*i));
  pthread_mutex_init(&i->lock, NULL);
  return i;
}
static struct dentry *dentry_new(void) {
  struct dentry *d = calloc(1, sizeof(*d));
  pthread_mutex_init(&d->lock, NULL);
  return d;
}

int main(void) {
  struct inode *i1 = inode_new(), *i2 = inode_new();
  struct dentry *d1 = dentry_new(), *d2 = dentry_new();
  pthread_mutex_lock(&i1->lock); /* inode -> dentry, on i1/d1 */
  pthread_mutex_lock(&d1->lock);
  pthread_mutex_unlock(&d1->lock);
  pthread_mutex_unlock(&i1->lock);
  pthread_mutex_lock(&d2->lock); /* dentry -> inode, on other objects */
  pthread_mutex_lock(&i2->lock);
  pthread_mutex_unlock(&i2->lock);
  pthread_mutex_unlock(&d2->lock);
  return 0;
}
// CHECK: lock-order-inversion: lock order cycle of 2 locks (potential deadlock): init@order-classes.c:21 -> init@order-classes.c:16 -> init@order-classes.c:21
// CHECK: SUMMARY: SyncSanitizer: lock-order-inversion {{.*}}order-classes.c:33 in main
// INSTANCE-NOT: SyncSanitizer
