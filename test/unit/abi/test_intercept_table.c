/* The table of intercepted operations (<syncsan/intercept.h>) against the
 * runtime it describes: every row has a hook and an entry for calls through
 * function pointers in the runtime archive (taking their addresses does not
 * link otherwise), the row's operation prints as the
 * row's function, the success convention fits the return type, and the
 * rows that core/rows.h keeps from the interposers (libstdc++ members, by
 * operation) are exactly those with a mangled name, and those it looks up
 * lazily exactly GLib's. The
 * hook prototypes themselves are checked by compiling the hooks. */
#include "syncsan/hooks.h"

#include "core/internal.h"
#include "core/rows.h"
#include "unit.h"

enum success { ZERO, THRD, VOID, NONNULL, NONNEG, NONZERO };
enum group { LOCK, THREAD, BARRIER, QUEUE };

struct row {
  const char *name;
  uint32_t op;
  enum group group;
  int returns_void;
  int returns_pointer;
  int returns_signed; /* int, long (ssize_t) */
  unsigned nparams;
  int handle;
  enum success success;
  void (*hook)(void);
  void (*indirect)(void);
  int cxx;  /* SS_IS_CXX(op): not interposed */
  int lazy; /* SS_IS_LAZY(name): GLib's, looked up at the first call */
};

#define COUNT_PARAMS(...) SS_ARITY(__VA_ARGS__)

#define ROW(name, op, group, ret, params, handle, success)                                   \
  {#name,                                                                                    \
   SYNCSAN_OP_##op,                                                                          \
   group,                                                                                    \
   __builtin_types_compatible_p(ret, void),                                                  \
   __builtin_types_compatible_p(ret, void *),                                                \
   __builtin_types_compatible_p(ret, int) || __builtin_types_compatible_p(ret, long),        \
   COUNT_PARAMS params,                                                                      \
   handle,                                                                                   \
   success,                                                                                  \
   (void (*)(void))__syncsan_##name,                                                         \
   (void (*)(void))__syncsan_indirect_##name,                                                \
   SS_IS_CXX(op),                                                                            \
   SS_IS_LAZY(name)},
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
    /* C functions print as themselves, libstdc++ members as std::...,
     * queue operations as what they do (conventions_fit_the_signature). */
    if (r->group == QUEUE)
      CHECK(!strncmp(ss_op_name(r->op), "queue ", 6));
    else if (strncmp(r->name, "_Z", 2) != 0)
      CHECK_STR(ss_op_name(r->op), r->name);
    else
      CHECK(!strncmp(ss_op_name(r->op), "std::condition_variable::", 25) ||
            !strcmp(ss_op_name(r->op), "std::thread::join"));
  }
}

static void conventions_fit_the_signature(void) {
  for (size_t i = 0; i < SS_ARRAY_SIZE(rows); i++) {
    const struct row *r = &rows[i];
    /* A handle that is the result: an operation that makes its object. */
    if (r->handle == SYNCSAN_ROW_RESULT)
      CHECK(r->returns_pointer && r->op == SYNCSAN_OP_QUEUE_CREATE);
    else
      CHECK(r->handle >= 0 && (unsigned)r->handle < r->nparams);
    CHECK(r->nparams <= 5);
    CHECK((r->success == VOID) == r->returns_void);
    if (r->success == NONNULL)
      CHECK(r->returns_pointer);
    if (r->success == NONNEG || r->success == NONZERO || r->success == ZERO)
      CHECK(r->returns_signed);
    /* C11 functions (mtx_*, cnd_*, thrd_*) report thrd_success, POSIX ones 0. */
    int c11 = !strncmp(r->name, "mtx_", 4) || !strncmp(r->name, "cnd_", 4) ||
              !strncmp(r->name, "thrd_", 5);
    if (!r->returns_void)
      CHECK((r->success == THRD) == c11);
    /* Queue rows are the built-in queues', POSIX's and GLib's, and print
     * as what they do to the queue (the queue's descriptor names the
     * function). */
    int mq = !strncmp(r->name, "mq_", 3), gasync = !strncmp(r->name, "g_async_queue_", 14);
    CHECK((r->group == QUEUE) == (mq || gasync));
    if (r->group == QUEUE)
      CHECK(r->op >= SYNCSAN_OP_QUEUE_CREATE && r->op <= SYNCSAN_OP_QUEUE_DESTROY);
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

/* GLib's rows are exactly those core/rows.h resolves lazily: a GLib row
 * it did not know would be looked up at start-up and referenced strongly,
 * and a program without libglib would not link. */
static void glib_rows_are_lazy(void) {
  size_t lazy = 0;
  for (size_t i = 0; i < SS_ARRAY_SIZE(rows); i++) {
    CHECK(rows[i].lazy == !strncmp(rows[i].name, "g_", 2));
    lazy += rows[i].lazy;
  }
  CHECK(lazy >= 20);
}

/* The parameter-list helpers of <syncsan/intercept.h> and core/rows.h
 * count a row of none and of five alike. */
static void params_expand_for_zero_to_five(void) {
  CHECK(SYNCSAN_ROW_NO_PARAMS() == 1);
  CHECK(SYNCSAN_ROW_NO_PARAMS(void *) == 0);
  CHECK(SYNCSAN_ROW_NO_PARAMS(void (*)(void *)) == 0);
  CHECK(SS_ARITY() == 0);
  CHECK(SS_ARITY(int) == 1);
  CHECK(SS_ARITY(int, char *, unsigned long, unsigned, const struct timespec *) == 5);
}

UNIT_MAIN(UNIT_TEST(every_row_has_a_hook_and_an_indirect_entry), UNIT_TEST(ops_name_their_function),
          UNIT_TEST(conventions_fit_the_signature), UNIT_TEST(libstdcxx_rows_are_not_interposed),
          UNIT_TEST(glib_rows_are_lazy), UNIT_TEST(params_expand_for_zero_to_five))
