/* SYNCSAN_OPTIONS parsing, suppression patterns and check IDs. */
#include "atomics/atomics_family.h"
#include "core/check_ids.h"
#include "core/flags.h"
#include "core/suppress.h"
#include "locks/lock_flags.h"
#include "unit.h"

/* Runs first, before any test changes an option: every option of the core
 * and of each family starts valid under its own rule. */
static void defaults_are_valid(void) {
  const char *bad = ss_flags_first_invalid();
  if (bad)
    fprintf(stderr, "option '%s' starts outside its rule\n", bad);
  CHECK(bad == NULL);
}

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

static void int_ranges(void) {
  CHECK(ss_flags_parse("exitcode=0", "test"));
  CHECK(ss_flags.exitcode == 0);
  CHECK(ss_flags_parse("exitcode=255", "test"));
  CHECK(ss_flags.exitcode == 255);
  CHECK(!ss_flags_parse("exitcode=256", "test"));
  CHECK(!ss_flags_parse("exitcode=-1", "test"));
  CHECK(ss_flags.exitcode == 255);
  CHECK(!ss_flags_parse("max_threads=0", "test"));
  CHECK(!ss_flags_parse("max_threads=-1", "test"));
  CHECK(ss_flags.max_threads == 4096);
  CHECK(!ss_flags_parse("max_locks=-5", "test"));
  CHECK(!ss_flags_parse("max_lock_edges=-1", "test"));
  CHECK(!ss_flags_parse("deadlock_timeout_ms=-3", "test"));
  CHECK(ss_lock_flags.max_locks == 1048576);
  CHECK(ss_lock_flags.max_lock_edges == 262144);
  CHECK(ss_lock_flags.deadlock_timeout_ms == 1000);
  CHECK(!ss_flags_parse("max_held_locks=31", "test"));
  CHECK(ss_flags_parse("max_held_locks=32", "test"));
  CHECK(ss_lock_flags.max_held_locks == 32);
  CHECK(ss_flags_parse("max_held_locks=1024:max_locks=0", "test"));
  CHECK(ss_lock_flags.max_locks == 0);
  CHECK(ss_flags_parse("max_locks=1048576", "test"));
  /* One bad value in a list spoils only itself. */
  CHECK(!ss_flags_parse("verbosity=3:exitcode=7", "test"));
  CHECK(ss_flags.exitcode == 7);
  CHECK(ss_flags.verbosity == 2);
}

static void int_overflow(void) {
  long before = ss_flags.exitcode;
  /* 2^32 + 66: would be 66 if cut to 32 bits. */
  CHECK(!ss_flags_parse("exitcode=4294967362", "test"));
  CHECK(!ss_flags_parse("exitcode=9223372036854775808", "test"));
  CHECK(!ss_flags_parse("exitcode=-9223372036854775809", "test"));
  CHECK(!ss_flags_parse("exitcode=99999999999999999999999999999999999", "test"));
  CHECK(!ss_flags_parse("max_lock_edges=0x100000000", "test"));
  CHECK(ss_flags.exitcode == before);
  CHECK(ss_lock_flags.max_lock_edges == 262144);
}

static void enum_values(void) {
  CHECK(ss_flags_parse("log_format=json", "test"));
  CHECK_STR(ss_flags.log_format, "json");
  CHECK(!ss_flags_parse("log_format=xml", "test"));
  CHECK(!ss_flags_parse("log_format=", "test"));
  CHECK(!ss_flags_parse("log_format=tex", "test"));
  CHECK(!ss_flags_parse("log_format=text|json", "test"));
  CHECK(!ss_flags_parse("log_format=jsonx", "test"));
  CHECK_STR(ss_flags.log_format, "json");
  CHECK(ss_flags_parse("log_format=text", "test"));
  CHECK_STR(ss_flags.log_format, "text");
}

static void power_of_two(void) {
  CHECK(ss_flags_parse("cache_line_size=16", "test"));
  CHECK(ss_atomic_flags.cache_line_size == 16);
  CHECK(ss_flags_parse("cache_line_size=4096", "test"));
  CHECK(ss_atomic_flags.cache_line_size == 4096);
  CHECK(!ss_flags_parse("cache_line_size=17", "test"));
  CHECK(!ss_flags_parse("cache_line_size=96", "test"));
  CHECK(!ss_flags_parse("cache_line_size=8", "test"));
  CHECK(!ss_flags_parse("cache_line_size=0", "test"));
  CHECK(!ss_flags_parse("cache_line_size=-64", "test"));
  CHECK(!ss_flags_parse("cache_line_size=8192", "test"));
  CHECK(ss_atomic_flags.cache_line_size == 4096);
  CHECK(ss_flags_parse("cache_line_size=0x80", "test"));
  CHECK(ss_atomic_flags.cache_line_size == 128);
  CHECK(ss_flags_parse("cache_line_size=64", "test"));
}

static void empty_strings(void) {
  const char *path = ss_flags.log_path;
  CHECK(!ss_flags_parse("log_path=", "test"));
  CHECK(!ss_flags_parse("log_path=''", "test"));
  CHECK(ss_flags.log_path == path);
  /* suppressions= and lock_levels= empty name no file (the default). */
  CHECK(ss_flags_parse("suppressions=:lock_levels=", "test"));
  CHECK_STR(ss_flags.suppressions, "");
  CHECK_STR(ss_lock_flags.lock_levels, "");
}

static void check_ids(void) {
  CHECK(ss_check_id_known("unlock-not-held"));
  CHECK(ss_check_id_known("lock-order-inversion"));
  CHECK(ss_check_id_known("condvar-destroyed"));
  CHECK(ss_check_id_known("atomic-split-line"));
  CHECK(ss_check_id_known("atomic-seq-cst-counter"));
  CHECK(ss_check_id_known("barrier-stall"));
  CHECK(ss_check_id_known("queue-send-after-close"));
  CHECK(ss_check_id_known("numa-cross-node"));
  CHECK(ss_check_id_known("cpu-oversubscribed"));
  CHECK(!ss_check_id_known("unlock-not-hold"));
  CHECK(!ss_check_id_known("unlock-not-held "));
  CHECK(!ss_check_id_known(""));
  CHECK(!ss_check_id_known("*"));
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

UNIT_MAIN(UNIT_TEST(defaults_are_valid), UNIT_TEST(parses_values), UNIT_TEST(rejects_bad_input),
          UNIT_TEST(int_ranges), UNIT_TEST(int_overflow), UNIT_TEST(enum_values),
          UNIT_TEST(power_of_two), UNIT_TEST(empty_strings), UNIT_TEST(check_ids),
          UNIT_TEST(globs))
