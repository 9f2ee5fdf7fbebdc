// atomic-invalid-order, literal orders, in code with errors: the front-end
// plugin walks what clang recovered (undeclared names, wrong argument
// counts, invalid scopes) without crashing, and still reports a literal
// order it can read.
// REQUIRES: syncsan-frontend
// RUN: %expect-exit 1 %syncsan-cc -fsyntax-only %s 2>&1 | FileCheck %s --implicit-check-not=syncsan-atomic --implicit-check-not='PLEASE submit'
long g;
long undeclared_order(void) { return __atomic_load_n(&g, undeclared); }
// CHECK: atomic-invalid-order-literal-errors.c:[[@LINE-1]]:58: error: use of undeclared identifier 'undeclared'
long undeclared_object(void) { return __atomic_load_n(&nope, __ATOMIC_RELEASE); }
long too_few(void) { return __atomic_load_n(&g); }
long too_many(void) { return __atomic_load_n(&g, __ATOMIC_RELEASE, 1); }
long not_atomic(int *p) { return __c11_atomic_load(p, 3); }
long bad_scope(void) { return __scoped_atomic_load_n(&g, __ATOMIC_RELEASE, 99); }
// CHECK: atomic-invalid-order-literal-errors.c:[[@LINE-1]]:58: warning: memory_order_release is not a valid order for an atomic load {{.*}}[syncsan-atomic-invalid-order]
long missing_semicolon(void) { return __atomic_load_n(&g, __ATOMIC_RELEASE) }
// CHECK: atomic-invalid-order-literal-errors.c:[[@LINE-1]]:59: warning: memory_order_release is not a valid order for an atomic load {{.*}}[syncsan-atomic-invalid-order]
