/* A minimal unit-test harness for runtime internals: CHECK records a
 * failure with its line and goes on; UNIT_MAIN runs the listed tests and
 * prints "N passed, N failed", exiting non-zero on any failure. */
#ifndef SYNCSAN_UNIT_H
#define SYNCSAN_UNIT_H
#include <stdio.h>
#include <string.h>

static int unit_failed_checks;

#define CHECK(cond)                                                            \
  do {                                                                         \
    if (!(cond)) {                                                             \
      fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
      unit_failed_checks++;                                                    \
    }                                                                          \
  } while (0)
#define CHECK_STR(a, b)                                                        \
  do {                                                                         \
    const char *a_ = (a), *b_ = (b);                                           \
    if (strcmp(a_, b_) != 0) {                                                 \
      fprintf(stderr, "%s:%d: CHECK_STR failed: \"%s\" != \"%s\"\n", __FILE__, \
              __LINE__, a_, b_);                                               \
      unit_failed_checks++;                                                    \
    }                                                                          \
  } while (0)

typedef void (*unit_fn)(void);
struct unit_test {
  const char *name;
  unit_fn fn;
};

static int unit_run(const struct unit_test *tests, int n) {
  int passed = 0, failed = 0;
  for (int i = 0; i < n; i++) {
    int before = unit_failed_checks;
    tests[i].fn();
    if (unit_failed_checks == before) {
      passed++;
      printf("PASS: %s\n", tests[i].name);
    } else {
      failed++;
      printf("FAIL: %s\n", tests[i].name);
    }
  }
  printf("%d passed, %d failed\n", passed, failed);
  return failed ? 1 : 0;
}

#define UNIT_TEST(fn) {#fn, fn}
#define UNIT_MAIN(...)                                                         \
  int main(void) {                                                             \
    static const struct unit_test tests[] = {__VA_ARGS__};                     \
    return unit_run(tests, (int)(sizeof(tests) / sizeof(tests[0])));           \
  }
#endif
