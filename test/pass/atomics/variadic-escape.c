// An object's address passed as a variadic argument to a variadic function
// defined in the same file escapes through va_arg. The escape walk used to
// look up the callee's parameter at the argument's index, past the end of
// its parameter list, and crashed (sqlite3.c, lemon.c).
// RUN: %syncsan-cc -O0 -g -c %s -o %t.o 2>&1 | FileCheck %s --implicit-check-not=syncsan-
// RUN: %syncsan-cc -O2 -g -c %s -o %t.o 2>&1 | FileCheck %s --implicit-check-not=syncsan-
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

struct counter { int n; };
static struct counter *registry[4];

void bump(struct counter *c) { __atomic_fetch_add(&c->n, 1, __ATOMIC_RELAXED); }

static void keep(int slot, ...) {
  va_list ap;
  va_start(ap, slot);
  registry[slot] = va_arg(ap, struct counter *);
  va_end(ap);
}

struct counter *published_first(void) {
  struct counter *c = malloc(sizeof *c);
  keep(0, c);
  c->n = 0; // another thread may already bump it
  // CHECK: variadic-escape.c:[[@LINE-1]]:8: warning: plain store to field 'n' of 'struct counter', which is also accessed atomically{{.*}} [syncsan-atomic-mixed-access]
  return c;
}

// Near misses: set up before the object escapes through `...`, and a
// library function that keeps nothing it is passed.
struct counter *initialised_first(void) {
  struct counter *c = malloc(sizeof *c);
  c->n = 0;
  keep(1, c);
  return c;
}

struct counter *printed(void) {
  struct counter *c = malloc(sizeof *c);
  printf("%p\n", (void *)c);
  c->n = 0;
  bump(c);
  return c;
}
