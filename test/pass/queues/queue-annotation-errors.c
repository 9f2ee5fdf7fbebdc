// A SYNCSAN_QUEUE annotation that cannot be right fails the compile, with
// the annotated declaration's file:line: one kind of mistake per RUN.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %expect-exit 1 %syncsan-cc -c %s -o %t/a.o -DROLE 2>&1 | FileCheck %s --check-prefix=ROLE
// RUN: %expect-exit 1 %syncsan-cc -c %s -o %t/a.o -DKEY 2>&1 | FileCheck %s --check-prefix=KEY
// RUN: %expect-exit 1 %syncsan-cc -c %s -o %t/a.o -DVALUE 2>&1 | FileCheck %s --check-prefix=VALUE
// RUN: %expect-exit 1 %syncsan-cc -c %s -o %t/a.o -DTWICE 2>&1 | FileCheck %s --check-prefix=TWICE
// RUN: %expect-exit 1 %syncsan-cc -c %s -o %t/a.o -DHANDLE_RANGE 2>&1 | FileCheck %s --check-prefix=HANDLE-RANGE
// RUN: %expect-exit 1 %syncsan-cc -c %s -o %t/a.o -DHANDLE_TYPE 2>&1 | FileCheck %s --check-prefix=HANDLE-TYPE
// RUN: %expect-exit 1 %syncsan-cc -c %s -o %t/a.o -DRESULT_ROLE 2>&1 | FileCheck %s --check-prefix=RESULT-ROLE
// RUN: %expect-exit 1 %syncsan-cc -c %s -o %t/a.o -DRESULT_TYPE 2>&1 | FileCheck %s --check-prefix=RESULT-TYPE
// RUN: %expect-exit 1 %syncsan-cc -c %s -o %t/a.o -DCAP_RANGE 2>&1 | FileCheck %s --check-prefix=CAP-RANGE
// RUN: %expect-exit 1 %syncsan-cc -c %s -o %t/a.o -DCAP_TYPE 2>&1 | FileCheck %s --check-prefix=CAP-TYPE
// RUN: %expect-exit 1 %syncsan-cc -c %s -o %t/a.o -DCAP_ROLE 2>&1 | FileCheck %s --check-prefix=CAP-ROLE
// RUN: %expect-exit 1 %syncsan-cc -c %s -o %t/a.o -DOK_MISSING 2>&1 | FileCheck %s --check-prefix=OK-MISSING
// RUN: %expect-exit 1 %syncsan-cc -c %s -o %t/a.o -DOK_PTR 2>&1 | FileCheck %s --check-prefix=OK-PTR
// RUN: %expect-exit 1 %syncsan-cc -c %s -o %t/a.o -DOK_VOID 2>&1 | FileCheck %s --check-prefix=OK-VOID
// RUN: %expect-exit 1 %syncsan-cc -c %s -o %t/a.o -DSTRICT 2>&1 | FileCheck %s --check-prefix=STRICT
// RUN: %expect-exit 1 %syncsan-cc -c %s -o %t/a.o -DBLOCKING_CLOSE 2>&1 | FileCheck %s --check-prefix=BLOCKING-CLOSE
// RUN: %expect-exit 1 %syncsan-cc -c %s -o %t/a.o -DBOTH 2>&1 | FileCheck %s --check-prefix=BOTH
// RUN: %expect-exit 1 %syncsan-cc -c %s -o %t/a.o -DTIMED_NONBLOCKING 2>&1 | FileCheck %s --check-prefix=TIMED-NONBLOCKING
// RUN: %expect-exit 1 %syncsan-cc -c %s -o %t/a.o -DTIMED_SHAPE 2>&1 | FileCheck %s --check-prefix=TIMED-SHAPE
// RUN: %expect-exit 1 %syncsan-cc -c %s -o %t/a.o -DTIMED_RESULT 2>&1 | FileCheck %s --check-prefix=TIMED-RESULT
// RUN: %expect-exit 1 %syncsan-cc -c %s -o %t/a.o -DTIMED_VAR 2>&1 | FileCheck %s --check-prefix=TIMED-VAR
// RUN: %expect-exit 1 %syncsan-cc -c %s -o %t/a.o -DTIMED_VOID 2>&1 | FileCheck %s --check-prefix=TIMED-VOID
// RUN: %expect-exit 1 %syncsan-cc -c %s -o %t/a.o -DSPEC_FORM 2>&1 | FileCheck %s --check-prefix=SPEC-FORM
// RUN: %expect-exit 1 %syncsan-cc -c %s -o %t/a.o -DCONFLICT 2>&1 | FileCheck %s --check-prefix=CONFLICT
// RUN: %expect-exit 1 %syncsan-cc -c %s -o %t/a.o -DNOT_FUNCTION 2>&1 | FileCheck %s --check-prefix=NOT-FUNCTION
// RUN: %expect-exit 1 %syncsan-cc -c %s -o %t/a.o -DINTERCEPTED 2>&1 | FileCheck %s --check-prefix=INTERCEPTED
// RUN: %expect-exit 1 %syncsan-cc -c %s -o %t/a.o -DKNR 2>&1 | FileCheck %s --check-prefix=KNR
// Each mistake is reported once, and nothing is wrapped (no crash either).
// RUN: %expect-exit 1 %syncsan-cc -c %s -o %t/a.o -DHANDLE_RANGE -DOK_PTR 2>&1 | FileCheck %s --check-prefix=TWO
// TWO-COUNT-2: error: syncsan:
// TWO-NOT: error: syncsan
#include <syncsan/syncsan.h>

struct q;
void use(void *);

#ifdef ROLE
// ROLE: error: syncsan: {{.*}}queue-annotation-errors.c:[[@LINE+1]]: SYNCSAN_QUEUE("pusher ok=zero") on e: unknown role 'pusher' (one of create, push, pop, close, destroy)
int e(struct q *) SYNCSAN_QUEUE("pusher ok=zero");
// ROLE: error: syncsan: {{.*}}queue-annotation-errors.c:[[@LINE+1]]: SYNCSAN_QUEUE("") on e2: no role (one of create, push, pop, close, destroy)
int e2(struct q *) SYNCSAN_QUEUE("");
// Other annotations are not syncsan's.
// ROLE-NOT: e3
int e3(struct q *) __attribute__((annotate("syncsan.queuex push")));
void f(struct q *p) { e(p); e2(p); e3(p); }
#endif

#ifdef KEY
// KEY: error: syncsan: {{.*}}queue-annotation-errors.c:[[@LINE+1]]: SYNCSAN_QUEUE("push blockng ok=zero") on e: unknown key 'blockng' (the keys: handle=, capacity=, blocking, nonblocking, ok=, strict_close, timed=)
int e(struct q *) SYNCSAN_QUEUE("push blockng ok=zero");
void f(struct q *p) { e(p); }
#endif

#ifdef VALUE
// VALUE: error: syncsan: {{.*}}queue-annotation-errors.c:[[@LINE+1]]: SYNCSAN_QUEUE("push ok=success") on e: bad value in 'ok=success' (ok= is one of always, nonzero, zero, nonnull, nonneg)
int e(struct q *) SYNCSAN_QUEUE("push ok=success");
// VALUE: error: syncsan: {{.*}}queue-annotation-errors.c:[[@LINE+1]]: SYNCSAN_QUEUE("push handle=q ok=zero") on e2: bad value in 'handle=q': handle= is a parameter number (0, 1, ...) or 'result'
int e2(struct q *) SYNCSAN_QUEUE("push handle=q ok=zero");
// VALUE: error: syncsan: {{.*}}queue-annotation-errors.c:[[@LINE+1]]: SYNCSAN_QUEUE("create capacity=-1") on e3: bad value in 'capacity=-1': capacity= is argN (parameter N holds it) or a number up to 4294967295
void e3(struct q *) SYNCSAN_QUEUE("create capacity=-1");
// VALUE: error: syncsan: {{.*}}queue-annotation-errors.c:[[@LINE+1]]: SYNCSAN_QUEUE("close strict_close=1") on e4: 'strict_close' takes no value
void e4(struct q *) SYNCSAN_QUEUE("close strict_close=1");
void f(struct q *p) { e(p); e2(p); e3(p); e4(p); }
#endif

#ifdef TWICE
// TWICE: error: syncsan: {{.*}}queue-annotation-errors.c:[[@LINE+1]]: SYNCSAN_QUEUE("push ok=zero ok=nonzero") on e: key 'ok' given twice
int e(struct q *) SYNCSAN_QUEUE("push ok=zero ok=nonzero");
void f(struct q *p) { e(p); }
#endif

#ifdef HANDLE_RANGE
// HANDLE-RANGE: error: syncsan: {{.*}}queue-annotation-errors.c:[[@LINE+1]]: SYNCSAN_QUEUE("push handle=2 ok=zero") on e: handle=2 is out of range: e has 2 parameters (0 to 1)
int e(struct q *, int) SYNCSAN_QUEUE("push handle=2 ok=zero");
void f(struct q *p) { e(p, 1); }
#endif

#ifdef HANDLE_TYPE
// HANDLE-TYPE: error: syncsan: {{.*}}queue-annotation-errors.c:[[@LINE+1]]: SYNCSAN_QUEUE("push handle=1 ok=zero") on e: handle=1: parameter 1 of e is a floating-point value, not a pointer or an integer
int e(struct q *, double) SYNCSAN_QUEUE("push handle=1 ok=zero");
void f(struct q *p) { e(p, 1.0); }
#endif

#ifdef RESULT_ROLE
// RESULT-ROLE: error: syncsan: {{.*}}queue-annotation-errors.c:[[@LINE+1]]: SYNCSAN_QUEUE("pop handle=result ok=nonnull") on e: handle=result is for a create (its result is the new queue), not a pop
void *e(void) SYNCSAN_QUEUE("pop handle=result ok=nonnull");
void f(void) { use(e()); }
#endif

#ifdef RESULT_TYPE
// RESULT-TYPE: error: syncsan: {{.*}}queue-annotation-errors.c:[[@LINE+1]]: SYNCSAN_QUEUE("create handle=result") on e: handle=result, but e returns a 32-bit integer, not a pointer to the new queue
int e(void) SYNCSAN_QUEUE("create handle=result");
void f(void) { e(); }
#endif

#ifdef CAP_RANGE
// CAP-RANGE: error: syncsan: {{.*}}queue-annotation-errors.c:[[@LINE+1]]: SYNCSAN_QUEUE("create handle=result capacity=arg1") on e: capacity=arg1 is out of range: e has 1 parameter (0 to 0)
struct q *e(unsigned) SYNCSAN_QUEUE("create handle=result capacity=arg1");
void f(void) { use(e(4)); }
#endif

#ifdef CAP_TYPE
// CAP-TYPE: error: syncsan: {{.*}}queue-annotation-errors.c:[[@LINE+1]]: SYNCSAN_QUEUE("create capacity=arg1") on e: capacity=arg1: parameter 1 of e is a pointer, not an integer
void e(struct q *, const char *) SYNCSAN_QUEUE("create capacity=arg1");
void f(struct q *p) { e(p, "8"); }
#endif

#ifdef CAP_ROLE
// CAP-ROLE: error: syncsan: {{.*}}queue-annotation-errors.c:[[@LINE+1]]: SYNCSAN_QUEUE("push capacity=8 ok=zero") on e: capacity= is for a create, not a push
int e(struct q *) SYNCSAN_QUEUE("push capacity=8 ok=zero");
void f(struct q *p) { e(p); }
#endif

#ifdef OK_MISSING
// OK-MISSING: error: syncsan: {{.*}}queue-annotation-errors.c:[[@LINE+1]]: SYNCSAN_QUEUE("pop blocking") on e: e returns a 32-bit integer: say which results mean the pop took effect (ok=always, nonzero, zero, nonnull or nonneg)
int e(struct q *, int *) SYNCSAN_QUEUE("pop blocking");
void f(struct q *p, int *v) { e(p, v); }
#endif

#ifdef OK_PTR
// OK-PTR: error: syncsan: {{.*}}queue-annotation-errors.c:[[@LINE+1]]: SYNCSAN_QUEUE("pop ok=nonnull") on g: ok=nonnull cannot be read from g's result, a 32-bit integer (ok=zero, nonzero or always)
int g(struct q *) SYNCSAN_QUEUE("pop ok=nonnull");
void h(struct q *p) { g(p); }
#endif

#ifdef OK_VOID
// OK-VOID: error: syncsan: {{.*}}queue-annotation-errors.c:[[@LINE+1]]: SYNCSAN_QUEUE("push ok=zero") on e: ok=zero, but e returns nothing (void): only ok=always fits
void e(struct q *, int) SYNCSAN_QUEUE("push ok=zero");
void f(struct q *p) { e(p, 1); }
#endif

#ifdef STRICT
// STRICT: error: syncsan: {{.*}}queue-annotation-errors.c:[[@LINE+1]]: SYNCSAN_QUEUE("push ok=zero strict_close") on e: 'strict_close' is for a pop, not a push
int e(struct q *) SYNCSAN_QUEUE("push ok=zero strict_close");
void f(struct q *p) { e(p); }
#endif

#ifdef BLOCKING_CLOSE
// BLOCKING-CLOSE: error: syncsan: {{.*}}queue-annotation-errors.c:[[@LINE+1]]: SYNCSAN_QUEUE("close blocking") on e: 'blocking' is for a push or pop, not a close
void e(struct q *) SYNCSAN_QUEUE("close blocking");
void f(struct q *p) { e(p); }
#endif

#ifdef BOTH
// BOTH: error: syncsan: {{.*}}queue-annotation-errors.c:[[@LINE+1]]: SYNCSAN_QUEUE("push blocking nonblocking ok=zero") on e: 'blocking' and 'nonblocking' contradict each other
int e(struct q *) SYNCSAN_QUEUE("push blocking nonblocking ok=zero");
void f(struct q *p) { e(p); }
#endif

#ifdef TIMED_NONBLOCKING
// TIMED-NONBLOCKING: error: syncsan: {{.*}}queue-annotation-errors.c:[[@LINE+1]]: SYNCSAN_QUEUE("push ok=zero timed=e_for") on e: timed= is for a blocking push or pop (its timed form is what a stalled one is made to fail with); this push is not blocking (add 'blocking')
int e(struct q *) SYNCSAN_QUEUE("push ok=zero timed=e_for");
void f(struct q *p) { e(p); }
#endif

#ifdef TIMED_SHAPE
int e_for(struct q *, long);
// TIMED-SHAPE: error: syncsan: {{.*}}queue-annotation-errors.c:[[@LINE+1]]: SYNCSAN_QUEUE("push blocking ok=zero timed=e_for") on e: timed=e_for does not have the shape of a timed form: the parameters of e then one integer (the timeout in milliseconds), and its result
int e(struct q *, int) SYNCSAN_QUEUE("push blocking ok=zero timed=e_for");
void f(struct q *p) { e(p, 1); e_for(p, 1); }
#endif

#ifdef TIMED_RESULT
long e_for(struct q *, long);
// TIMED-RESULT: error: syncsan: {{.*}}queue-annotation-errors.c:[[@LINE+1]]: SYNCSAN_QUEUE("push blocking ok=zero timed=e_for") on e: timed=e_for does not have the shape
int e(struct q *) SYNCSAN_QUEUE("push blocking ok=zero timed=e_for");
void f(struct q *p) { e(p); e_for(p, 1); }
#endif

#ifdef TIMED_VAR
int e_for;
// TIMED-VAR: error: syncsan: {{.*}}queue-annotation-errors.c:[[@LINE+1]]: SYNCSAN_QUEUE("push blocking ok=zero timed=e_for") on e: timed=e_for names something that is not a function
int e(struct q *) SYNCSAN_QUEUE("push blocking ok=zero timed=e_for");
void f(struct q *p) { e_for = e(p); }
#endif

#ifdef TIMED_VOID
// TIMED-VOID: error: syncsan: {{.*}}queue-annotation-errors.c:[[@LINE+1]]: SYNCSAN_QUEUE("push blocking timed=e_for") on e: timed=e_for, but e returns nothing (void): a timed form's result must tell a timeout
void e(struct q *) SYNCSAN_QUEUE("push blocking timed=e_for");
void f(struct q *p) { e(p); }
#endif

#ifdef SPEC_FORM
// SPEC-FORM: error: syncsan: {{.*}}queue-annotation-errors.c:[[@LINE+1]]: SYNCSAN_QUEUE("push e ok=zero") on e: the function is named after the role, as in a spec file line: in an annotation the function is the annotated one (SYNCSAN_QUEUE("push key=value ..."))
int e(struct q *) SYNCSAN_QUEUE("push e ok=zero");
void f(struct q *p) { e(p); }
#endif

#ifdef CONFLICT
int e(struct q *) SYNCSAN_QUEUE("push ok=zero");
// Both annotations carry the last declaration's place (clang's choice).
// CONFLICT: error: syncsan: {{.*}}queue-annotation-errors.c:[[@LINE+1]]: e: its SYNCSAN_QUEUE annotations differ ('push ok=zero' and 'pop ok=zero')
int e(struct q *) SYNCSAN_QUEUE("pop ok=zero");
void f(struct q *p) { e(p); }
#endif

#ifdef NOT_FUNCTION
// NOT-FUNCTION: error: syncsan: {{.*}}queue-annotation-errors.c:[[@LINE+1]]: SYNCSAN_QUEUE on 'e', which is not a function (a call through a pointer is not wrapped; annotate the function it calls)
int (*e)(struct q *) SYNCSAN_QUEUE("push ok=zero");
void f(struct q *p) { e(p); }
#endif

#ifdef INTERCEPTED
#include <pthread.h>
// INTERCEPTED: error: syncsan: {{.*}}queue-annotation-errors.c:[[@LINE+1]]: SYNCSAN_QUEUE("push ok=zero") on pthread_mutex_lock: pthread_mutex_lock is a lock operation that syncsan intercepts already: it cannot be declared a queue function
int pthread_mutex_lock(pthread_mutex_t *) SYNCSAN_QUEUE("push ok=zero");
void f(pthread_mutex_t *m) { pthread_mutex_lock(m); }
#endif

#ifdef KNR
// KNR: error: syncsan: {{.*}}queue-annotation-errors.c:[[@LINE+1]]: SYNCSAN_QUEUE("close") on e: handle=0 names no parameter: e is declared without a prototype (or takes only '...')
void e() SYNCSAN_QUEUE("close");
void f(struct q *p) { e(p); }
#endif
