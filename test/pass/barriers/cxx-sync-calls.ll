; The early pass rewrites direct calls of libstdc++'s std::barrier and
; std::counting_semaphore members before the inliner runs, even for members
; marked alwaysinline: after the whole -O2 pipeline the hook calls remain,
; each passing the real member's address (which stays defined) and a site
; with the member's op (std::barrier::barrier 81, arrive_and_wait 82,
; std::counting_semaphore::release 89; std::latch::wait, a plain class's
; member, too). Left alone, and inlined as usual:
; a member of the same name in another namespace (mylib::barrier), a std
; member of an unexpected IR shape (arrive(long) returning void), a std
; member only declared, a lambda inside a member, and the members' calls of each other (latch-like
; arrive_and_wait calling wait: one operation, not two).
; RUN: %opt -passes='default<O2>' -S %s | FileCheck %s
; RUN: %opt -passes=syncsan-early -S %s | FileCheck %s --check-prefix=EARLY

; CHECK-DAG: @[[S_INIT:syncsan.site[.0-9]*]] = private constant %syncsan.site { ptr {{.*}}, ptr {{.*}}, ptr {{.*}}, i32 {{[0-9]+}}, i32 {{[0-9]+}}, i32 81, i32 {{[0-9]+}} }
; CHECK-DAG: @[[S_AW:syncsan.site[.0-9]*]] = private constant %syncsan.site { ptr {{.*}}, ptr {{.*}}, ptr {{.*}}, i32 {{[0-9]+}}, i32 {{[0-9]+}}, i32 82, i32 {{[0-9]+}} }
; CHECK-DAG: @[[S_REL:syncsan.site[.0-9]*]] = private constant %syncsan.site { ptr {{.*}}, ptr {{.*}}, ptr {{.*}}, i32 {{[0-9]+}}, i32 {{[0-9]+}}, i32 89, i32 {{[0-9]+}} }

; CHECK-LABEL: define void @user(
; CHECK: call void @__syncsan_cxx_barrier_init(ptr {{.*}}@bar, i64 4, ptr {{.*}}@_ZNSt7barrierISt18__empty_completionEC2ElS0_, ptr {{.*}}@[[S_INIT]])
; CHECK: call void @__syncsan_cxx_barrier_arrive_and_wait(ptr {{.*}}@bar, ptr {{.*}}@_ZNSt7barrierISt18__empty_completionE15arrive_and_waitEv, ptr {{.*}}@[[S_AW]])
; CHECK: call void @__syncsan_cxx_sem_release(ptr {{.*}}@sem, i64 2, ptr {{.*}}@_ZNSt18counting_semaphoreILl8EE7releaseEl, ptr {{.*}}@[[S_REL]])
; The look-alikes were inlined (their stores remain, their calls do not).
; CHECK-NOT: call
; CHECK: store atomic i32 7, ptr @mine
; CHECK-NOT: call
; CHECK: store atomic i32 9, ptr @mine
; CHECK: call void @_ZNSt7barrierISt18__empty_completionE4waitEv(
; CHECK: call void @__syncsan_cxx_latch_wait(ptr {{.*}}@sem, ptr {{.*}}@_ZNKSt5latch4waitEv, ptr
; CHECK-NOT: call
; CHECK: store atomic i32 11, ptr @mine
; CHECK-NOT: call
; CHECK: ret void
; CHECK-NOT: __syncsan_cxx
; CHECK: define linkonce_odr void @_ZNSt7barrierISt18__empty_completionE15arrive_and_waitEv(

; EARLY: call void @__syncsan_cxx_barrier_arrive_and_wait({{.*}}), !syncsan.cxx
; EARLY: call void @__syncsan_cxx_sem_release({{.*}}), !syncsan.cxx
; Inside the member itself: not rewritten.
; EARLY-LABEL: define linkonce_odr void @_ZNSt7barrierISt18__empty_completionE15arrive_and_waitEv(
; EARLY-NOT: __syncsan_cxx
; EARLY: ret void

@bar = global [32 x i8] zeroinitializer, align 8
@sem = global i32 0, align 4
@mine = global i32 0, align 4

define void @user() {
  call void @_ZNSt7barrierISt18__empty_completionEC2ElS0_(ptr @bar, i64 4)
  call void @_ZNSt7barrierISt18__empty_completionE15arrive_and_waitEv(ptr @bar)
  call void @_ZNSt18counting_semaphoreILl8EE7releaseEl(ptr @sem, i64 2)
  ; mylib::barrier<int>::arrive_and_wait()
  call void @_ZN5mylib7barrierIiE15arrive_and_waitEv(ptr @bar)
  ; std::barrier<std::__empty_completion>::arrive(long), returning void
  call void @_ZNSt7barrierISt18__empty_completionE6arriveEl(ptr @bar, i64 1)
  ; std::barrier<std::__empty_completion>::wait(), declared only
  call void @_ZNSt7barrierISt18__empty_completionE4waitEv(ptr @bar)
  ; std::latch::wait() const, a plain class's member
  call void @_ZNKSt5latch4waitEv(ptr @sem)
  ; std::latch::wait() const::{lambda()#1}::operator()() const
  call void @_ZZNKSt5latch4waitEvENKUlvE_clEv(ptr @bar)
  ret void
}

define linkonce_odr void @_ZNKSt5latch4waitEv(ptr %this) alwaysinline {
  store atomic i32 3, ptr %this seq_cst, align 4
  ret void
}

define linkonce_odr void @_ZZNKSt5latch4waitEvENKUlvE_clEv(ptr %this) alwaysinline {
  store atomic i32 11, ptr @mine seq_cst, align 4
  ret void
}

define linkonce_odr void @_ZNSt7barrierISt18__empty_completionEC2ElS0_(ptr %this, i64 %n) alwaysinline {
  store i64 %n, ptr %this
  ret void
}

define linkonce_odr void @_ZNSt7barrierISt18__empty_completionE15arrive_and_waitEv(ptr %this) alwaysinline {
  store atomic i32 1, ptr %this seq_cst, align 4
  call void @_ZNSt18counting_semaphoreILl8EE7releaseEl(ptr %this, i64 1)
  ret void
}

define linkonce_odr void @_ZNSt18counting_semaphoreILl8EE7releaseEl(ptr %this, i64 %n) alwaysinline {
  %v = trunc i64 %n to i32
  atomicrmw add ptr %this, i32 %v seq_cst
  ret void
}

define linkonce_odr void @_ZN5mylib7barrierIiE15arrive_and_waitEv(ptr %this) alwaysinline {
  store atomic i32 7, ptr @mine seq_cst, align 4
  ret void
}

define linkonce_odr void @_ZNSt7barrierISt18__empty_completionE6arriveEl(ptr %this, i64 %n) alwaysinline {
  store atomic i32 9, ptr @mine seq_cst, align 4
  ret void
}

declare void @_ZNSt7barrierISt18__empty_completionE4waitEv(ptr)
