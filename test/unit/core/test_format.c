/* The malloc-free formatter against printf's results, and JSON escaping. */
#include <limits.h>
#include <stdio.h>

#include "core/internal.h"
#include "unit.h"

static void same_as_printf(void) {
  char a[256], b[256];
#define SAME(...)                                                              \
  do {                                                                         \
    ss_format(a, sizeof(a), __VA_ARGS__);                                      \
    snprintf(b, sizeof(b), __VA_ARGS__);                                       \
    CHECK_STR(a, b);                                                           \
  } while (0)
  SAME("plain text");
  SAME("%d %d %d", 0, -1, INT_MIN);
  SAME("%u %x", 4000000000u, 0xdeadbeefu);
  SAME("%ld %lu", LONG_MIN, ULONG_MAX);
  SAME("%lld %llu", LLONG_MIN, ULLONG_MAX);
  SAME("%zu", (size_t)12345);
  SAME("[%5d] [%-5d] [%05d]", 42, 42, 42);
  SAME("[%8s] [%-8s] [%.3s] [%.*s]", "ab", "cd", "abcdef", 2, "xyz");
  SAME("%c%c%%", 'o', 'k');
  SAME("%04x", 0xau);
  SAME("[%*s] [%*d] [%-*s]", 6, "ab", 4, 7, 5, "x");
  SAME("[%*s]", 0, "");
}

static void pointer_format(void) {
  char a[64];
  ss_format(a, sizeof(a), "%p", (void *)0x1234);
  CHECK_STR(a, "0x1234");
}

static void truncation(void) {
  char a[8];
  size_t n = ss_format(a, sizeof(a), "%s", "0123456789");
  CHECK_STR(a, "0123456");
  CHECK(n == 7);
  char one[1];
  ss_format(one, sizeof(one), "abc");
  CHECK(one[0] == 0);
}

static void buffer_and_json(void) {
  char data[64];
  struct ss_buf b = {data, sizeof(data), 0};
  ss_buf_printf(&b, "x=%d ", 5);
  ss_buf_json_string(&b, "a\"b\\c\nd\x01");
  CHECK_STR(data, "x=5 \"a\\\"b\\\\c\\nd\\u0001\"");
  /* A full buffer stays NUL-terminated and stops growing. */
  char small[6];
  struct ss_buf s = {small, sizeof(small), 0};
  ss_buf_printf(&s, "%s", "abcdefgh");
  ss_buf_printf(&s, "%s", "more");
  CHECK(s.len <= sizeof(small) - 1);
  CHECK_STR(small, "abcde");
}

UNIT_MAIN(UNIT_TEST(same_as_printf), UNIT_TEST(pointer_format), UNIT_TEST(truncation),
          UNIT_TEST(buffer_and_json))
