; Shapes the wrapper rule must take in its stride without crashing or
; guessing: a K&R call of the wrong arity, recursion, an object made from an
; integer, a wait on a global mutex, an allocator returning something it
; did not make, a variable stored into itself, a function that never
; returns, a call through a cast of a wrapper with extra arguments (opt
; verifies the output). Only the forwarders among them are registered.
; RUN: %opt -passes=syncsan -S %s | FileCheck %s
; RUN: %opt -passes=syncsan-early,syncsan -S %s | FileCheck %s

; CHECK-DAG: c"alloca_cycle\00"
; CHECK-DAG: c"noret\00"
; CHECK-DAG: c"cast_caller\00"
; CHECK: call void @__syncsan_register_wrappers(ptr @syncsan.wrappers, i64 3)

; Not the library's call (K&R, two arguments): left alone, and no wrapper.
define void @kr(ptr %m) {
  %r = call i32 (ptr, ...) @pthread_mutex_lock(ptr %m, i32 1)
  ret void
}

define void @self(ptr %m) {
  %r = call i32 @pthread_mutex_lock(ptr %m)
  call void @self(ptr %m)
  ret void
}

define void @int2ptr(i64 %x) {
  %p = inttoptr i64 %x to ptr
  %r = call i32 @pthread_mutex_lock(ptr %p)
  ret void
}

@gm = global [40 x i8] zeroinitializer
define void @wait_global(ptr %c) {
  %r = call i32 @pthread_cond_wait(ptr %c, ptr @gm)
  ret void
}

@table = global [1 x ptr] [ptr @not_made]
define ptr @not_made(i64 %x, i1 %c) {
  %p = call ptr @malloc(i64 40)
  %r = call i32 @pthread_mutex_init(ptr %p, ptr null)
  %q = inttoptr i64 %x to ptr
  %s = select i1 %c, ptr %p, ptr %q
  ret ptr %s
}

define void @alloca_cycle(ptr %m) {
  %a = alloca ptr
  store ptr %m, ptr %a
  %v = load ptr, ptr %a
  store ptr %v, ptr %a
  %w = load ptr, ptr %a
  %r = call i32 @pthread_mutex_lock(ptr %w)
  ret void
}

define void @noret(ptr %m) {
  %r = call i32 @pthread_mutex_unlock(ptr %m)
  call void @abort()
  unreachable
}

define void @cast_caller(ptr %m) {
  call void @alloca_cycle(ptr %m, i32 7)
  ret void
}

declare i32 @pthread_mutex_lock(...)
declare i32 @pthread_mutex_unlock(ptr)
declare i32 @pthread_mutex_init(ptr, ptr)
declare i32 @pthread_cond_wait(ptr, ptr)
declare ptr @malloc(i64)
declare void @abort() noreturn
