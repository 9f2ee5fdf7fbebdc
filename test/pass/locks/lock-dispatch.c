// Lock dispatchers (pass/locks/LockDispatch.h): functions that pick the
// lock operation at run time from a global table of function pointers, like
// libevent's evbuffer_lock (evthread_lock_fns_.lock) and sqlite's
// sqlite3_mutex_enter / sqlite3MutexAlloc (sqlite3GlobalConfig.mutex). Their
// names are registered with the lock wrappers', and their direct callers
// store their own site in __syncsan_caller_site around the call, so the
// wrapper the table reaches names the caller's line. Near misses: a function
// pointer taken from the object (a callback, not a lock table), a dispatcher
// that also writes shared memory, one with a loop, one that calls other code.
// RUN: %syncsan-cc -O0 -g -S -emit-llvm %s -o %t.O0.ll
// RUN: FileCheck %s < %t.O0.ll
// RUN: FileCheck %s --check-prefix=NAMES < %t.O0.ll
// RUN: %syncsan-cc -O2 -g -fno-inline -S -emit-llvm %s -o %t.O2.ll
// RUN: FileCheck %s < %t.O2.ll
// RUN: FileCheck %s --check-prefix=NAMES < %t.O2.ll
#include <stddef.h>

struct lock_fns {
  int (*lock)(unsigned mode, void *lock);
  int (*unlock)(unsigned mode, void *lock);
  void *(*alloc)(int kind);
};
struct lock_fns lock_table;

struct evbuffer {
  int n;
  void *lock;
  struct ops *ops;
};
struct ops {
  void (*lock)(struct evbuffer *);
};

void evbuffer_lock(struct evbuffer *buf) {
  if (buf->lock)
    lock_table.lock(0, buf->lock);
}

void *mutex_alloc(int kind) { return lock_table.alloc(kind); }

// Near misses.
void callback_lock(struct evbuffer *buf) { buf->ops->lock(buf); }
int dispatch_count;
void counting_lock(struct evbuffer *buf) {
  dispatch_count++;
  lock_table.lock(0, buf->lock);
}
void lock_all(struct evbuffer **bufs, int n) {
  for (int i = 0; i < n; i++)
    lock_table.lock(0, bufs[i]->lock);
}
void log_lock(const char *);
void logging_lock(struct evbuffer *buf) {
  log_lock("lock");
  lock_table.lock(0, buf->lock);
}

// CHECK-LABEL: define {{.*}}@user(
// CHECK: store ptr @[[SITE1:[^,]+]], ptr @__syncsan_caller_site
// CHECK-NEXT: call void @evbuffer_lock(
// CHECK-NEXT: store ptr null, ptr @__syncsan_caller_site
// CHECK: store ptr @{{[^,]+}}, ptr @__syncsan_caller_site
// CHECK-NEXT: call {{.*}}@mutex_alloc(
// CHECK-NEXT: store ptr null, ptr @__syncsan_caller_site
// CHECK-NOT: __syncsan_caller_site
// CHECK: ret
void *user(struct evbuffer *b) {
  evbuffer_lock(b);
  callback_lock(b);
  counting_lock(b);
  logging_lock(b);
  lock_all(&b, 1);
  return mutex_alloc(3);
}

// NAMES-NOT: c"{{callback_lock|counting_lock|lock_all|logging_lock}}\00"
// NAMES-DAG: @[[W1:syncsan.wname[.0-9]*]] = private {{.*}} c"evbuffer_lock\00"
// NAMES-DAG: @[[W2:syncsan.wname[.0-9]*]] = private {{.*}} c"mutex_alloc\00"
// NAMES-NOT: c"{{callback_lock|counting_lock|lock_all|logging_lock}}\00"
// NAMES: @syncsan.wrappers = private constant [2 x ptr] [ptr @[[W1]], ptr @[[W2]]]
