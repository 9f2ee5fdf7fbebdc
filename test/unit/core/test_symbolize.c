/* Symbolization through llvm-symbolizer, its fallbacks, and the lock
 * wrapper rule. */
#include <stdint.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/flags.h"
#include "core/stack.h"
#include "core/symbolize.h"
#include "unit.h"

static uintptr_t ret_in_lock_wrapper_fn, ret_in_caller;

static __attribute__((noinline)) ss_stack_id lock_wrapper_fn(void) {
  ret_in_lock_wrapper_fn = (uintptr_t)__builtin_return_address(0);
  ss_stack_id id = ss_stack_capture(0);
  __asm__ volatile("" ::: "memory");
  return id;
}

static __attribute__((noinline)) ss_stack_id a_caller(void) {
  ss_stack_id id = lock_wrapper_fn();
  ret_in_caller = (uintptr_t)__builtin_return_address(0);
  __asm__ volatile("" ::: "memory");
  return id;
}

static int ends_with(const char *s, const char *tail) {
  size_t a = strlen(s), b = strlen(tail);
  return a >= b && !strcmp(s + a - b, tail);
}

static void names_functions_and_lines(void) {
  struct ss_frame f[8];
  a_caller();
  unsigned n = ss_symbolize_pc(ret_in_lock_wrapper_fn, f, 8);
  CHECK(n >= 1);
  CHECK_STR(f[0].function, "a_caller");
  CHECK(f[0].file && ends_with(f[0].file, "test_symbolize.c"));
  CHECK(f[0].line == 23); /* the call in a_caller */
  CHECK(f[0].module != NULL);
  /* Cached: the same strings again. */
  struct ss_frame g[8];
  CHECK(ss_symbolize_pc(ret_in_lock_wrapper_fn, g, 8) == n);
  CHECK(g[0].function == f[0].function && g[0].file == f[0].file);
  /* Not code: module unknown, one frame. */
  CHECK(ss_symbolize_pc(16, f, 8) == 1);
  CHECK(f[0].module == NULL);
  CHECK_STR(f[0].function, "??");
}

static void wrapper_rule(void) {
  CHECK(!ss_function_is_wrapper("lock_wrapper_fn"));
  CHECK(ss_flags_parse("lock_wrappers='evthread_*,other_fn'", "test"));
  CHECK(ss_function_is_wrapper("evthread_posix_lock"));
  CHECK(ss_function_is_wrapper("other_fn"));
  CHECK(!ss_function_is_wrapper("other"));
  CHECK(!ss_function_is_wrapper("??"));
  static const char *const names[] = {"lock_wrapper_fn", "my_lock"};
  __syncsan_register_wrappers(names, 2);
  CHECK(ss_function_is_wrapper("lock_wrapper_fn"));
  CHECK(ss_function_is_wrapper("my_lock"));
  CHECK(!ss_function_is_wrapper("a_caller"));

  ss_stack_id id = a_caller();
  const uintptr_t *pcs;
  unsigned n = ss_stack_pcs(id, &pcs);
  /* pcs: [0] ss_stack_capture's return into lock_wrapper_fn, [1] into a_caller... */
  unsigned w = 0;
  while (w < n && pcs[w] != ret_in_lock_wrapper_fn)
    w++;
  CHECK(w < n);
  CHECK(ss_pc_is_wrapper(pcs[w - 1]));  /* inside lock_wrapper_fn */
  CHECK(!ss_pc_is_wrapper(pcs[w]));     /* inside a_caller */
  CHECK(ss_first_user_frame(pcs + w - 1, n - w + 1, 1) == 1);
  CHECK(ss_first_user_frame(pcs + w - 1, n - w + 1, 0) == 1);
  CHECK(ss_first_user_frame(pcs + w, n - w, 0) == 0);
  CHECK(ss_first_user_frame(pcs + w - 1, 1, 1) == 1); /* all wrappers: n */
}

static void fallbacks(void) {
  struct ss_frame f[4];
  CHECK(ss_flags_parse("symbolize=0", "test"));
  uintptr_t pc = (uintptr_t)&a_caller + 4;
  CHECK(ss_symbolize_pc(pc, f, 4) == 1);
  CHECK_STR(f[0].function, "??");
  CHECK(f[0].module && f[0].file == NULL);
  CHECK(ss_flags_parse("symbolize=1", "test"));
  /* A forked child starts its own symbolizer. */
  pid_t p = fork();
  if (p == 0) {
    struct ss_frame c[4];
    ss_symbolize_pc((uintptr_t)&names_functions_and_lines + 8, c, 4);
    _exit(!strcmp(c[0].function, "names_functions_and_lines") ? 0 : 1);
  }
  int st = 0;
  waitpid(p, &st, 0);
  CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
}

UNIT_MAIN(UNIT_TEST(names_functions_and_lines), UNIT_TEST(wrapper_rule), UNIT_TEST(fallbacks))
