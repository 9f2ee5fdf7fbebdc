/* The placement policy file's parser: every rule form, comments and
 * blanks, and each error with the line it names and what it expected;
 * an error leaves no rule at all. */
#include <string.h>

#include "numa/place_rules.h"
#include "unit.h"

static struct ss_place_rules rules;
static char err[256];

static int parse(const char *text, unsigned *line) {
  err[0] = 0;
  return ss_place_parse(text, strlen(text), &rules, err, sizeof(err), line);
}

static void every_form(void) {
  const char *text = "# placement\n"
                     "\n"
                     "start worker_* node 1   # by symbol\n"
                     "  name\tio-*  node 0\r\n"
                     "order 3-5 scatter\n"
                     "order 7 none\n"
                     "name a#b compact\n"
                     "default node 2";
  CHECK(parse(text, NULL) == 0);
  CHECK(rules.n == 6);
  CHECK(rules.has_start && rules.has_name);
  const struct ss_place_rule *r = rules.rule;
  CHECK(r[0].match == SS_PLACE_START && !strcmp(r[0].glob, "worker_*"));
  CHECK(r[0].target == SS_PLACE_NODE && r[0].node_os == 1 && r[0].line == 3);
  CHECK_STR(r[0].text, "start worker_* node 1");
  CHECK(r[1].match == SS_PLACE_NAME && !strcmp(r[1].glob, "io-*") && r[1].node_os == 0);
  CHECK(r[1].line == 4);
  CHECK(r[2].match == SS_PLACE_ORDER && r[2].lo == 3 && r[2].hi == 5);
  CHECK(r[2].target == SS_PLACE_SCATTER);
  CHECK(r[3].lo == 7 && r[3].hi == 7 && r[3].target == SS_PLACE_NONE);
  CHECK(!strcmp(r[4].glob, "a#b") && r[4].target == SS_PLACE_COMPACT); /* '#' inside a word */
  CHECK(r[5].match == SS_PLACE_DEFAULT && r[5].node_os == 2 && r[5].line == 8);
}

static void errors_name_the_line(void) {
  unsigned line = 0;
  CHECK(parse("start w node 1\nplace x node 1\n", &line) == -1 && line == 2);
  CHECK_STR(err, "2: unknown rule 'place' (expected start, name, order or default)");
  CHECK(rules.n == 0); /* never half a policy */
  CHECK(parse("name io*\n", &line) == -1 && line == 1);
  CHECK_STR(err, "1: expected a target after the match: 'node <N>', 'compact', 'scatter' "
                 "or 'none'");
  CHECK(parse("\n\nname io* node x\n", &line) == -1 && line == 3);
  CHECK_STR(err, "3: expected a node number (its OS index) after 'node', got 'x'");
  CHECK(parse("order a-b node 1\n", &line) == -1);
  CHECK_STR(err, "1: expected a thread number or range after 'order' (3, 3-5)");
  CHECK(parse("order 4-2 node 1\n", &line) == -1);
  CHECK_STR(err, "1: the range 4-2 is empty");
  CHECK(parse("order 0 node 1\n", &line) == -1);
  CHECK(strstr(err, "main thread") != NULL);
  CHECK(parse("name x node 1 extra\n", &line) == -1);
  CHECK_STR(err, "1: unexpected 'extra' after the target");
  CHECK(parse("start\n", &line) == -1);
  CHECK_STR(err, "1: expected a pattern after 'start'");
  CHECK(parse("default none\nname x node 0\n", &line) == -1 && line == 2);
  CHECK_STR(err, "2: a rule after the default rule would never match");
  CHECK(parse("# only a comment\n", &line) == -1);
  CHECK(strstr(err, "no rule") != NULL);
  CHECK(parse("a b c d e f g\n", &line) == -1);
  CHECK(strstr(err, "too many words") != NULL);
  char big[700];
  memset(big, 'x', sizeof(big) - 1);
  big[sizeof(big) - 1] = 0;
  CHECK(parse(big, &line) == -1 && strstr(err, "longer than") != NULL);
}

static void rule_limit(void) {
  static char text[8192];
  size_t n = 0;
  for (int i = 1; i <= SS_PLACE_MAX_RULES; i++)
    n += (size_t)snprintf(text + n, sizeof(text) - n, "order %d node 0\n", i);
  CHECK(parse(text, NULL) == 0 && rules.n == SS_PLACE_MAX_RULES);
  snprintf(text + n, sizeof(text) - n, "default none\n");
  unsigned line = 0;
  CHECK(parse(text, &line) == -1 && line == SS_PLACE_MAX_RULES + 1);
  CHECK(strstr(err, "more than 64 rules") != NULL);
}

UNIT_MAIN(UNIT_TEST(every_form), UNIT_TEST(errors_name_the_line), UNIT_TEST(rule_limit))
