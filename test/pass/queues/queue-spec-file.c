// The spec file route: -fsyncsan-queue-spec=FILE, else SYNCSAN_QUEUE_SPEC.
// A line declares a function the unit may or may not call; only the calls
// this unit makes are wrapped, and lines for other functions are silent.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %syncsan-cc -O0 -S -emit-llvm %s -o %t/opt.ll -fsyncsan-queue-spec=%S/Inputs/lib.spec 2>&1 | FileCheck %s --check-prefix=QUIET --allow-empty
// RUN: FileCheck %s < %t/opt.ll
// RUN: env SYNCSAN_QUEUE_SPEC=%S/Inputs/lib.spec %syncsan-cc -O0 -S -emit-llvm %s -o %t/env.ll 2>&1 | FileCheck %s --check-prefix=QUIET --allow-empty
// RUN: FileCheck %s < %t/env.ll
// QUIET-NOT: {{.}}
// An editor's byte-order mark and CRLF line ends are fine.
// RUN: printf '\357\273\277push lib_q_put blocking ok=zero\r\n\r\npop lib_q_get blocking ok=nonnull # comment\r\n' > %t/crlf.spec
// RUN: %syncsan-cc -O0 -S -emit-llvm %s -o %t/crlf.ll -fsyncsan-queue-spec=%t/crlf.spec 2>&1 | FileCheck %s --check-prefix=QUIET --allow-empty
// RUN: FileCheck %s --check-prefix=CRLF < %t/crlf.ll
// CRLF: call i32 @__syncsan_queue_begin({{.*}}@syncsan.queue_desc.lib_q_put,
// CRLF: call i32 @__syncsan_queue_begin({{.*}}@syncsan.queue_desc.lib_q_get,
// syncsan's own IR compiled again is not wrapped again.
// RUN: %syncsan-cc -O0 -S -emit-llvm %t/opt.ll -o %t/again.ll -fsyncsan-queue-spec=%S/Inputs/lib.spec
// RUN: FileCheck %s --check-prefix=AGAIN < %t/again.ll
// AGAIN-COUNT-5: call i32 @__syncsan_queue_begin(
// AGAIN-NOT: call i32 @__syncsan_queue_begin(
// The option wins over the variable; an empty variable is no spec file.
// RUN: env SYNCSAN_QUEUE_SPEC=%t/no-such.spec %syncsan-cc -O0 -S -emit-llvm %s -o %t/both.ll -fsyncsan-queue-spec=%S/Inputs/lib.spec
// RUN: FileCheck %s < %t/both.ll
// RUN: env SYNCSAN_QUEUE_SPEC= %syncsan-cc -O0 -S -emit-llvm %s -o %t/none.ll
// RUN: FileCheck %s --check-prefix=NONE < %t/none.ll
// NONE-NOT: queue_desc.lib_q
// Off: neither the spec's functions nor the annotated one are wrapped.
// RUN: %syncsan-cc -O0 -S -emit-llvm %s -o %t/off.ll -fsyncsan-queue-spec=%S/Inputs/lib.spec -fsyncsan-instrument-queues=0
// RUN: FileCheck %s --check-prefix=OFF < %t/off.ll
// OFF-NOT: __syncsan_queue
// At -O2 too (the wrapping runs before the optimiser, at every level).
// RUN: %syncsan-cc -O2 -S -emit-llvm %s -o %t/o2.ll -fsyncsan-queue-spec=%S/Inputs/lib.spec
// RUN: FileCheck %s --check-prefix=O2 < %t/o2.ll
// O2-LABEL: define {{.*}} @run(
// O2: call i32 @__syncsan_queue_begin({{.*}}@syncsan.queue_desc.lib_q_new
// O2: call i32 @__syncsan_queue_begin({{.*}}@syncsan.queue_desc.lib_q_put
//
// Unreadable spec files fail every compile that would read them.
// RUN: %expect-exit 1 %syncsan-cc -c %s -o %t/a.o -fsyncsan-queue-spec=%t/no-such.spec 2>&1 | FileCheck %s --check-prefix=MISSING
// MISSING: error: syncsan: cannot read the queue spec file '{{.*}}no-such.spec' (-fsyncsan-queue-spec=): {{[Nn]}}o such file or directory
// RUN: %expect-exit 1 env SYNCSAN_QUEUE_SPEC=%t/no-such.spec %syncsan-cc -c %s -o %t/a.o 2>&1 | FileCheck %s --check-prefix=MISSING-ENV
// MISSING-ENV: error: syncsan: cannot read the queue spec file '{{.*}}no-such.spec' (SYNCSAN_QUEUE_SPEC): {{[Nn]}}o such file or directory
// RUN: %expect-exit 1 %syncsan-cc -c %s -o %t/a.o -fsyncsan-queue-spec=%t 2>&1 | FileCheck %s --check-prefix=DIR
// DIR: error: syncsan: cannot read the queue spec file '{{.*}}' (-fsyncsan-queue-spec=): {{.*}}directory
// RUN: %expect-exit 1 %syncsan-cc -c %s -o %t/a.o -fsyncsan-queue-spec= 2>&1 | FileCheck %s --check-prefix=EMPTY
// EMPTY: error: syncsan: -fsyncsan-queue-spec= needs a file name
//
// A line that cannot be right fails the compile with the file and line,
// every such line reported, whether or not the unit calls its function.
// RUN: %expect-exit 1 %syncsan-cc -c %s -o %t/a.o -fsyncsan-queue-spec=%S/Inputs/bad.spec 2>&1 | FileCheck %s --check-prefix=BAD
// BAD: error: syncsan: {{.*}}bad.spec:1: unknown role 'pusher' (one of create, push, pop, close, destroy; a line is 'ROLE FUNCTION key=value ...')
// BAD: error: syncsan: {{.*}}bad.spec:2: no function after the role (a line is 'ROLE FUNCTION key=value ...')
// BAD: error: syncsan: {{.*}}bad.spec:3: '9lib' is not a function's symbol name (a line is 'ROLE FUNCTION key=value ...')
// BAD: error: syncsan: {{.*}}bad.spec:4: lib_b: bad value in 'ok=maybe' (ok= is one of always, nonzero, zero, nonnull, nonneg)
// BAD: error: syncsan: {{.*}}bad.spec:5: lib_c: unknown key 'colour=red' (the keys: handle=, capacity=, blocking, nonblocking, ok=, strict_close, timed=)
// BAD: error: syncsan: {{.*}}bad.spec:6: lib_d: 'strict_close' takes no value
// BAD: error: syncsan: {{.*}}bad.spec:10: lib_f: bad value in 'capacity=arg': capacity=argN names parameter N (0, 1, ...)
// Two lines for one function that differ (the same line twice is fine).
// BAD: error: syncsan: {{.*}}bad.spec:8: lib_e: conflicts with its declaration at {{.*}}bad.spec:7 ('push ok=zero' there, 'pop ok=zero' here)
// BAD-NOT: bad.spec:9
//
// Checked against the unit: a handle out of range in a line for a
// function it declares; a spec line that contradicts an annotation.
// RUN: printf 'push lib_q_put handle=2 ok=zero\n' > %t/range.spec
// RUN: %expect-exit 1 %syncsan-cc -c %s -o %t/a.o -fsyncsan-queue-spec=%t/range.spec 2>&1 | FileCheck %s --check-prefix=RANGE
// RANGE: error: syncsan: {{.*}}range.spec:1: lib_q_put: handle=2 is out of range: lib_q_put has 2 parameters (0 to 1)
// RUN: printf 'pop annotated_pop ok=nonzero\n' > %t/conflict.spec
// RUN: %expect-exit 1 %syncsan-cc -c %s -o %t/a.o -fsyncsan-queue-spec=%t/conflict.spec 2>&1 | FileCheck %s --check-prefix=CONFLICT
// CONFLICT: error: syncsan: {{.*}}conflict.spec:1: annotated_pop: conflicts with its declaration at {{.*}}queue-spec-file.c:{{[0-9]+}} ('pop ok=zero' there, 'pop ok=nonzero' here)
// RUN: printf 'push pthread_mutex_lock ok=zero\n' > %t/lock.spec
// RUN: %expect-exit 1 %syncsan-cc -c %s -o %t/a.o -fsyncsan-queue-spec=%t/lock.spec -DLOCK 2>&1 | FileCheck %s --check-prefix=LOCK
// LOCK: error: syncsan: {{.*}}lock.spec:1: pthread_mutex_lock: pthread_mutex_lock is a lock operation that syncsan intercepts already
// The same declaration in the spec and in an annotation is fine.
// RUN: printf 'pop annotated_pop ok=zero\n' > %t/same.spec
// RUN: %syncsan-cc -O0 -S -emit-llvm %s -o %t/same.ll -fsyncsan-queue-spec=%t/same.spec
// RUN: FileCheck %s --check-prefix=SAME < %t/same.ll
// SAME: call i32 @__syncsan_queue_begin({{.*}}@syncsan.queue_desc.annotated_pop,

// CHECK-DAG: @syncsan.queue_desc.lib_q_new = private constant %syncsan.queue_desc { ptr @{{.*}}, ptr @[[O_NEW:syncsan.qstr[.0-9]*]], i32 1, i32 0, i32 0, i32 -1, i32 0, i32 0 }
// CHECK-DAG: @[[O_NEW]] = private unnamed_addr constant [{{[0-9]+}} x i8] c"{{.*}}lib.spec:2\00"
// CHECK-DAG: @syncsan.queue_desc.lib_q_put = private constant %syncsan.queue_desc { ptr @{{.*}}, ptr @{{.*}}, i32 2, i32 2, i32 1, i32 0, i32 -1, i32 0 }
// CHECK-DAG: @syncsan.queue_desc.lib_q_get = private constant %syncsan.queue_desc { ptr @{{.*}}, ptr @{{.*}}, i32 3, i32 3, i32 1, i32 0, i32 -1, i32 0 }
// CHECK-DAG: @syncsan.queue_desc.lib_q_close = private constant %syncsan.queue_desc { ptr @{{.*}}, ptr @{{.*}}, i32 4, i32 0, i32 0, i32 0, i32 -1, i32 0 }
// CHECK-DAG: @syncsan.queue_desc.annotated_pop = private constant %syncsan.queue_desc { ptr @{{.*}}, ptr @{{.*}}, i32 3, i32 2, i32 0, i32 0, i32 -1, i32 0 }
// CHECK-LABEL: define {{.*}} @run(
// CHECK: call i32 @__syncsan_queue_begin({{.*}}@syncsan.queue_desc.lib_q_new,
// CHECK-NEXT: call ptr @lib_q_new(
// CHECK: call i32 @__syncsan_queue_begin({{.*}}@syncsan.queue_desc.lib_q_put,
// CHECK-NEXT: call i32 @lib_q_put(
// CHECK: call i32 @__syncsan_queue_begin({{.*}}@syncsan.queue_desc.lib_q_get,
// CHECK-NEXT: call ptr @lib_q_get(
// CHECK: call i32 @__syncsan_queue_begin({{.*}}@syncsan.queue_desc.annotated_pop,
// CHECK-NEXT: call i32 @annotated_pop(
// CHECK: call i32 @__syncsan_queue_begin({{.*}}@syncsan.queue_desc.lib_q_close,
// CHECK-NEXT: call void @lib_q_close(
#include <syncsan/syncsan.h>

struct lib_q;
struct lib_q *lib_q_new(unsigned long cap);
int lib_q_put(struct lib_q *q, void *item);
void *lib_q_get(struct lib_q *q);
void lib_q_close(struct lib_q *q);
int annotated_pop(struct lib_q *q, void **item) SYNCSAN_QUEUE("pop ok=zero");

#ifdef LOCK
#include <pthread.h>
void lock(pthread_mutex_t *m) { pthread_mutex_lock(m); }
#endif

int run(void) {
  struct lib_q *q = lib_q_new(4);
  int x = 1;
  int r = lib_q_put(q, &x);
  r += lib_q_get(q) == &x;
  void *item;
  r += annotated_pop(q, &item);
  lib_q_close(q);
  return r;
}
