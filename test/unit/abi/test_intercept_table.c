/* The table of intercepted operations (<syncsan/intercept.h>) against the
 * runtime it describes: every row has a hook and an entry for calls through
 * function pointers in the runtime archive (taking their addresses does not
 * link otherwise), the row's operation prints as the
 * row's function, the success convention fits the return type, and the
 * rows that core/rows.h keeps from the interposers (libstdc++ members, by
 * operation) are exactly those with a mangled name. The
 * hook prototypes themselves are checked by compiling the hooks. */
#include "syncsan/hooks.h"

#include "core/internal.h"
#include "core/rows.h"
#include "unit.h"

enum success { ZERO, THRD, VOID };
enum group { LOCK, THREAD, BARRIER };

struct row {
  const char *name;
  uint32_t op;
  enum group group;
  int returns_void;
  unsigned nparams;
  unsigned handle;
  enum success success;
  void (*hook)(void);
  void (*indirect)(void);
  int cxx; /* SS_IS_CXX(op): not interposed */
};

#define COUNT_PARAMS(...) (sizeof((void *[]){SYNCSAN_HOOK_NULLS(__VA_ARGS__)}) / sizeof(void *))
#define SYNCSAN_HOOK_NULLS(...) SYNCSAN_HOOK_NULLS_N(__VA_ARGS__, 4, 3, 2, 1)
#define SYNCSAN_HOOK_NULLS_N(a, b, c, d, n, ...) NULLS_##n
#define NULLS_1 0
#define NULLS_2 0, 0
#define NULLS_3 0, 0, 0
#define NULLS_4 0, 0, 0, 0

#define ROW(name, op, group, ret, params, handle, success)                                   \
  {#name,                                                                                    \
   SYNCSAN_OP_##op,                                                                          \
   group,                                                                                    \
   __builtin_types_compatible_p(ret, void),                                                  \
   COUNT_PARAMS params,                                                                      \
   handle,                                                                                   \
   success,                                                                                  \
   (void (*)(void))__syncsan_##name,                                                         \
   (void (*)(void))__syncsan_indirect_##name,                                                \
   SS_IS_CXX(op)},
static const struct row rows[] = {SYNCSAN_INTERCEPTED_CALLS(ROW)};

static void every_row_has_a_hook_and_an_indirect_entry(void) {
  CHECK(SS_ARRAY_SIZE(rows) >= 50);
  for (size_t i = 0; i < SS_ARRAY_SIZE(rows); i++) {
    CHECK(rows[i].hook != NULL);
    CHECK(rows[i].indirect != NULL);
    CHECK(rows[i].indirect != rows[i].hook);
  }
}

static void ops_name_their_function(void) {
  for (size_t i = 0; i < SS_ARRAY_SIZE(rows); i++) {
    const struct row *r = &rows[i];
    CHECK(r->op > SYNCSAN_OP_UNKNOWN && r->op < SYNCSAN_OP_COUNT);
    /* C functions print as themselves; libstdc++ members as std::... */
    if (strncmp(r->name, "_Z", 2) != 0)
      CHECK_STR(ss_op_name(r->op), r->name);
    else
      CHECK(!strncmp(ss_op_name(r->op), "std::condition_variable::", 25) ||
            !strcmp(ss_op_name(r->op), "std::thread::join"));
  }
}

static void conventions_fit_the_signature(void) {
  for (size_t i = 0; i < SS_ARRAY_SIZE(rows); i++) {
    const struct row *r = &rows[i];
    CHECK(r->handle < r->nparams);
    CHECK((r->success == VOID) == r->returns_void);
    /* C11 functions (mtx_*, cnd_*, thrd_*) report thrd_success, POSIX ones 0. */
    int c11 = !strncmp(r->name, "mtx_", 4) || !strncmp(r->name, "cnd_", 4) ||
              !strncmp(r->name, "thrd_", 5);
    if (!r->returns_void)
      CHECK((r->success == THRD) == c11);
    CHECK((r->group == THREAD) ==
          (strstr(r->name, "_create") != NULL || strstr(r->name, "join") != NULL));
    CHECK((r->group == BARRIER) == (!strncmp(r->name, "pthread_barrier_", 16) ||
                                    !strncmp(r->name, "sem_", 4)));
  }
}

/* A libstdc++ row that core/rows.h does not know would be interposed: the
 * executable would define a C++ member of libstdc++'s. */
static void libstdcxx_rows_are_not_interposed(void) {
  for (size_t i = 0; i < SS_ARRAY_SIZE(rows); i++)
    CHECK(rows[i].cxx == !strncmp(rows[i].name, "_Z", 2));
}

UNIT_MAIN(UNIT_TEST(every_row_has_a_hook_and_an_indirect_entry), UNIT_TEST(ops_name_their_function),
          UNIT_TEST(conventions_fit_the_signature), UNIT_TEST(libstdcxx_rows_are_not_interposed))
