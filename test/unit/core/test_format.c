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

static const char *json_of(const char *in, char *out, size_t n) {
  struct ss_buf b = {out, n, 0};
  out[0] = 0;
  ss_buf_json_string(&b, in);
  return out;
}

/* JSON strings are valid UTF-8 whatever the input: valid sequences pass,
 * anything else becomes U+FFFD, one per byte. */
static void json_utf8(void) {
  char o[128];
  CHECK_STR(json_of("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80", o, sizeof(o)),
            "\"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80\"");
  CHECK_STR(json_of("a\xff" "b", o, sizeof(o)), "\"a\\ufffdb\"");
  CHECK_STR(json_of("\xc0\xaf", o, sizeof(o)), "\"\\ufffd\\ufffd\""); /* overlong '/' */
  CHECK_STR(json_of("\xed\xa0\x80", o, sizeof(o)), "\"\\ufffd\\ufffd\\ufffd\""); /* surrogate */
  CHECK_STR(json_of("\xf4\x90\x80\x80", o, sizeof(o)),
            "\"\\ufffd\\ufffd\\ufffd\\ufffd\""); /* past U+10FFFF */
  CHECK_STR(json_of("\xe2\x82", o, sizeof(o)), "\"\\ufffd\\ufffd\""); /* cut short */
  CHECK_STR(json_of("\x1b[2J\x7f", o, sizeof(o)), "\"\\u001b[2J\\u007f\"");
}

/* Text output shows control characters (C0, DEL, C1) and bytes that are
 * not UTF-8 as \xNN; newlines only where the text may have them. */
static void text_escapes(void) {
  char o[128];
  CHECK_STR(ss_esc(o, sizeof(o), "name\x1b[2J\n==1==ERROR"), "name\\x1b[2J\\x0a==1==ERROR");
  CHECK_STR(ss_esc(o, sizeof(o), "caf\xc3\xa9 \xff \xc2\x9b \x7f\t"),
            "caf\xc3\xa9 \\xff \\xc2\\x9b \\x7f\\x09");
  CHECK_STR(ss_esc(o, sizeof(o), NULL), "");
  struct ss_buf b = {o, sizeof(o), 0};
  ss_buf_text(&b, "two\nlines\x07\n", 1);
  CHECK_STR(o, "two\nlines\\x07\n");
  /* Cut at the buffer, still terminated. */
  char small[5];
  CHECK_STR(ss_esc(small, sizeof(small), "\x01\x02"), "\\x01");
}

UNIT_MAIN(UNIT_TEST(same_as_printf), UNIT_TEST(pointer_format), UNIT_TEST(truncation),
          UNIT_TEST(buffer_and_json), UNIT_TEST(json_utf8), UNIT_TEST(text_escapes))
