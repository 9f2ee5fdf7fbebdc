/* SYNCSAN_OPTIONS parsing and suppression patterns. */
#include "core/flags.h"
#include "core/suppress.h"
#include "unit.h"

static void parses_values(void) {
  CHECK(ss_flags_parse("halt_on_error=1:exitcode=9:log_format=json", "test"));
  CHECK(ss_flags.halt_on_error == 1);
  CHECK(ss_flags.exitcode == 9);
  CHECK_STR(ss_flags.log_format, "json");
  /* Separators: ':' ',' and spaces; quoted values keep their separators. */
  CHECK(ss_flags_parse("verbosity=2, exitcode=0x10 log_path='/tmp/a b:c'", "test"));
  CHECK(ss_flags.verbosity == 2);
  CHECK(ss_flags.exitcode == 16);
  CHECK_STR(ss_flags.log_path, "/tmp/a b:c");
  CHECK(ss_flags_parse("halt_on_error=false", "test"));
  CHECK(ss_flags.halt_on_error == 0);
}

static void rejects_bad_input(void) {
  long before = ss_flags.exitcode;
  CHECK(!ss_flags_parse("exitcode=12x", "test"));
  CHECK(ss_flags.exitcode == before);
  CHECK(!ss_flags_parse("halt_on_error=2", "test"));
  CHECK(!ss_flags_parse("nosuchflag=1", "test"));
  CHECK(!ss_flags_parse("exitcode", "test"));
  CHECK(ss_flags_parse("", "test"));
  CHECK(ss_flags_parse(NULL, "test"));
}

static void globs(void) {
  CHECK(ss_glob_match("*", "anything"));
  CHECK(ss_glob_match("foo*", "foobar"));
  CHECK(ss_glob_match("*bar", "foobar"));
  CHECK(ss_glob_match("f?o*r", "foobar"));
  CHECK(ss_glob_match("*o*a*", "foobar"));
  CHECK(!ss_glob_match("foo", "foobar"));
  CHECK(!ss_glob_match("bar*", "foobar"));
  CHECK(ss_glob_match("", ""));
  CHECK(!ss_glob_match("", "x"));
}

UNIT_MAIN(UNIT_TEST(parses_values), UNIT_TEST(rejects_bad_input), UNIT_TEST(globs))
