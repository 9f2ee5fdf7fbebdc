// Compiling syncsan's own output again (syncsan-cc -S -emit-llvm, then the
// .ll through syncsan-cc) instruments nothing twice: one module
// constructor, one registration of the lock globals, hooks called once.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %syncsan-cc -O1 -S -emit-llvm %s -o %t/once.ll
// RUN: %syncsan-cc -O1 -S -emit-llvm %t/once.ll -o %t/twice.ll
// RUN: FileCheck %s < %t/once.ll
// RUN: FileCheck %s < %t/twice.ll
// CHECK-COUNT-1: call void @__syncsan_register_globals(
// CHECK-NOT: call void @__syncsan_register_globals(
// CHECK-NOT: @__syncsan___syncsan_
#include <pthread.h>

pthread_mutex_t table_lock = PTHREAD_MUTEX_INITIALIZER;

int bump(int *v) {
  pthread_mutex_lock(&table_lock);
  int r = ++*v;
  pthread_mutex_unlock(&table_lock);
  return r;
}
