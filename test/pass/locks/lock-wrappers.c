// Lock wrappers the pass recognises in the module it compiles (the rule is
// in docs/design.md, "Lock wrappers"): forwarders (libevent's trylock-or-
// lock, lock_both, a LOCK(m) function, an unlock through obj->lock, a
// wrapper of wrappers, an init forwarder) and allocators (libevent's and
// sqlite's, which their lock layers install in function tables). Their lock sites carry SYNCSAN_SITE_WRAPPER (0x20 = 32) and
// one constructor registers their names. The near misses at the end (a
// global lock, critical sections, a loop, a constructor of one kind of
// object) are ordinary functions: flags 0 and not registered. Nothing calls them here, so every function keeps
// its own body at -O2 as at -O0 (test/pass runs once: both are here).
// RUN: %syncsan-cc -O0 -g -S -emit-llvm %s -o %t.O0.ll
// RUN: FileCheck %s < %t.O0.ll
// RUN: FileCheck %s --check-prefix=NAMES < %t.O0.ll
// RUN: %syncsan-cc -O2 -g -S -emit-llvm %s -o %t.O2.ll
// RUN: FileCheck %s < %t.O2.ll
// RUN: FileCheck %s --check-prefix=NAMES < %t.O2.ll
#include <pthread.h>
#include <stdlib.h>

struct evbuffer {
  int n;
  pthread_mutex_t *lock;
};
typedef struct sqlite3_mutex {
  pthread_mutex_t mutex;
  int id;
} sqlite3_mutex;

pthread_mutex_t g = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutexattr_t attr_recursive;

// Op numbers: 1 init, 3 lock, 4 trylock, 6 unlock.
int evthread_posix_lock(unsigned mode, void *lock_) {
  pthread_mutex_t *lock = lock_;
  if (mode & 1)
    // CHECK-DAG: i32 [[#@LINE+1]], i32 {{[0-9]+}}, i32 4, i32 32 }
    return pthread_mutex_trylock(lock);
  else
    // CHECK-DAG: i32 [[#@LINE+1]], i32 {{[0-9]+}}, i32 3, i32 32 }
    return pthread_mutex_lock(lock);
}

void *evthread_posix_lock_alloc(unsigned locktype) {
  pthread_mutexattr_t *attr = NULL;
  pthread_mutex_t *lock = malloc(sizeof(pthread_mutex_t));
  if (!lock)
    return NULL;
  if (locktype & 1)
    attr = &attr_recursive;
  // CHECK-DAG: i32 [[#@LINE+1]], i32 {{[0-9]+}}, i32 1, i32 32 }
  if (pthread_mutex_init(lock, attr)) {
    free(lock);
    return NULL;
  }
  return lock;
}

// The project's allocator, defined in the module (sqlite3MallocZero).
__attribute__((noinline)) void *malloc_zero(size_t n) { return calloc(1, n); }

sqlite3_mutex *pthreadMutexAlloc(int iType) {
  static sqlite3_mutex staticMutexes[3] = {{PTHREAD_MUTEX_INITIALIZER, 0}};
  sqlite3_mutex *p;
  switch (iType) {
  case 1: {
    p = malloc_zero(sizeof(*p));
    if (p) {
      pthread_mutexattr_t recursiveAttr;
      pthread_mutexattr_init(&recursiveAttr);
      pthread_mutexattr_settype(&recursiveAttr, PTHREAD_MUTEX_RECURSIVE);
      // CHECK-DAG: i32 [[#@LINE+1]], i32 {{[0-9]+}}, i32 1, i32 32 }
      pthread_mutex_init(&p->mutex, &recursiveAttr);
      pthread_mutexattr_destroy(&recursiveAttr);
      p->id = iType;
    }
    break;
  }
  case 0:
    p = malloc_zero(sizeof(*p));
    if (p)
      // CHECK-DAG: i32 [[#@LINE+1]], i32 {{[0-9]+}}, i32 1, i32 32 }
      pthread_mutex_init(&p->mutex, 0);
    break;
  default:
    // Static kinds come from an array: still an allocator wrapper.
    p = &staticMutexes[iType - 2];
    break;
  }
  return p;
}

void lock_both(pthread_mutex_t *x, pthread_mutex_t *y) {
  // CHECK-DAG: i32 [[#@LINE+1]], i32 3, i32 3, i32 32 }
  pthread_mutex_lock(x);
  // CHECK-DAG: i32 [[#@LINE+1]], i32 3, i32 3, i32 32 }
  pthread_mutex_lock(y);
}

// CHECK-DAG: i32 [[#@LINE+1]], i32 33, i32 3, i32 32 }
void LOCK(pthread_mutex_t *m) { pthread_mutex_lock(m); }

// CHECK-DAG: i32 [[#@LINE+1]], i32 37, i32 6, i32 32 }
void unlock(struct evbuffer *obj) { pthread_mutex_unlock(obj->lock); }

// A wrapper of wrappers (at -O2 LOCK is inlined into it: the site then
// names lock2's line, still inside a wrapper).
void lock2(pthread_mutex_t *a, pthread_mutex_t *b) {
  LOCK(a);
  LOCK(b);
}

// An init forwarder (libuv's uv_mutex_init).
int my_mutex_init(pthread_mutex_t *m) {
  pthread_mutexattr_t attr;
  pthread_mutexattr_init(&attr);
  pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_ERRORCHECK);
  // CHECK-DAG: i32 [[#@LINE+1]], i32 {{[0-9]+}}, i32 1, i32 32 }
  int err = pthread_mutex_init(m, &attr);
  pthread_mutexattr_destroy(&attr);
  return err;
}

// The lock layers' tables (libevent's evthread_lock_callbacks, sqlite's
// sqlite3_mutex_methods).
struct lock_layer {
  void *(*alloc)(unsigned);
  int (*lock)(unsigned, void *);
  sqlite3_mutex *(*mutex_alloc)(int);
} layer = {evthread_posix_lock_alloc, evthread_posix_lock, pthreadMutexAlloc};

// Near misses: a global lock, a critical section reading or writing
// shared data, one taking and releasing, a loop, a kind's constructor.
// CHECK-DAG: i32 [[#@LINE+1]], i32 26, i32 3, i32 0 }
void lock_global(void) { pthread_mutex_lock(&g); }

int read_count(struct evbuffer *b) {
  // CHECK-DAG: i32 [[#@LINE+1]], i32 3, i32 3, i32 0 }
  pthread_mutex_lock(b->lock);
  int v = b->n;
  pthread_mutex_unlock(b->lock);
  return v;
}

void bump(struct evbuffer *b) {
  // CHECK-DAG: i32 [[#@LINE+1]], i32 3, i32 3, i32 0 }
  pthread_mutex_lock(b->lock);
  b->n++;
  pthread_mutex_unlock(b->lock);
}

void lock_unlock(pthread_mutex_t *x) {
  // CHECK-DAG: i32 [[#@LINE+1]], i32 3, i32 3, i32 0 }
  pthread_mutex_lock(x);
  pthread_mutex_unlock(x);
}

void lock_all(pthread_mutex_t *m, int n) {
  for (int i = 0; i < n; i++)
    // CHECK-DAG: i32 [[#@LINE+1]], i32 5, i32 3, i32 0 }
    pthread_mutex_lock(&m[i]);
}

// A constructor of one kind of object, called from one function: its lock's
// class stays its own init site, one for the kind (order-classes.c).
struct inode {
  pthread_mutex_t lock;
  int n;
};
static struct inode *inode_new(void) {
  struct inode *i = calloc(1, sizeof(*i));
  // CHECK-DAG: i32 [[#@LINE+1]], i32 3, i32 1, i32 0 }
  pthread_mutex_init(&i->lock, NULL);
  return i;
}
struct inode *two_inodes(void) {
  struct inode *a = inode_new();
  a->n = inode_new()->n;
  return a;
}

// NAMES-DAG: [[W1:@syncsan.wname[.0-9]*]] = private unnamed_addr constant {{.*}} c"evthread_posix_lock\00"
// NAMES-DAG: [[W2:@syncsan.wname[.0-9]*]] = private unnamed_addr constant {{.*}} c"evthread_posix_lock_alloc\00"
// NAMES-DAG: [[W3:@syncsan.wname[.0-9]*]] = private unnamed_addr constant {{.*}} c"pthreadMutexAlloc\00"
// NAMES-DAG: [[W4:@syncsan.wname[.0-9]*]] = private unnamed_addr constant {{.*}} c"lock_both\00"
// NAMES-DAG: [[W5:@syncsan.wname[.0-9]*]] = private unnamed_addr constant {{.*}} c"LOCK\00"
// NAMES-DAG: [[W6:@syncsan.wname[.0-9]*]] = private unnamed_addr constant {{.*}} c"unlock\00"
// NAMES-DAG: [[W7:@syncsan.wname[.0-9]*]] = private unnamed_addr constant {{.*}} c"lock2\00"
// NAMES-DAG: [[W8:@syncsan.wname[.0-9]*]] = private unnamed_addr constant {{.*}} c"my_mutex_init\00"
// NAMES-DAG: @syncsan.wrappers = private constant [8 x ptr] [ptr [[W1]], ptr [[W2]], ptr [[W3]], ptr [[W4]], ptr [[W5]], ptr [[W6]], ptr [[W7]], ptr [[W8]]]
// NAMES-DAG: @llvm.global_ctors = {{.*}} ptr @syncsan.register_wrappers,
// NAMES: define internal void @syncsan.register_wrappers()
// NAMES-NEXT: call void @__syncsan_register_wrappers(ptr @syncsan.wrappers, i64 8)
// NAMES-NOT: !syncsan.lock_wrappers
