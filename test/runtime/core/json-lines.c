// log_format=json is JSON Lines, from the first line to the last: messages
// about options, warnings, API messages, notes such as "ending the
// process", suppression statistics and the exit line are JSON objects like
// the reports, and every string is valid UTF-8 (a thread name holding
// invalid bytes or control characters included). Before, all of those but
// the reports were text lines.
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: echo 'unlock-not-held:suppressed_here' > %t.supp
// RUN: env SYNCSAN_OPTIONS=nosuch=1:log_format=json:max_held_locks=32:max_reports_per_check=1:suppressions=%t.supp:print_suppressions=1 %expect-exit 66 %t > %t.out 2> %t.log
// RUN: python3 %S/Inputs/json_lines.py < %t.log | FileCheck %s
// RUN: env SYNCSAN_OPTIONS=log_format=json %expect-exit 66 %t hang 2> %t.hang
// RUN: python3 %S/Inputs/json_lines.py < %t.hang | FileCheck %s --check-prefix=HANG
// CHECK: note "SYNCSAN_OPTIONS: unknown option 'nosuch'; ignored (help=1 lists them)"
// CHECK: warning "thread T0 holds more than max_held_locks=32 locks; locks taken past that are not checked"
// CHECK: note "syncsan_lock_set_level(0x{{[0-9a-f]+}}, -4): levels are 1..65535 (0 clears); ignored"
// CHECK: report unlock-not-held threads ["\ufffd\ufffd\u001b[2J\n==1==ERROR: forged"]
// CHECK: suppression {"check": "unlock-not-held", "pattern": "suppressed_here", "count": 1}
// CHECK: exit {"error_reports": 1, "reports_suppressed": 1, "status": 66}
// CHECK: all JSON
// HANG: report double-lock
// HANG: note "ending the process: thread T0 would wait for itself forever (abort_on_deadlock=0 lets it hang)"
// HANG: all JSON
#include <pthread.h>
#include <string.h>
#include <syncsan/syncsan.h>

static pthread_mutex_t a = PTHREAD_MUTEX_INITIALIZER, b = PTHREAD_MUTEX_INITIALIZER,
                       c = PTHREAD_MUTEX_INITIALIZER, many[40];

/* A name with bytes that are not UTF-8, an escape sequence and a newline,
 * on a thread that reports. */
static void *named(void *arg) {
  syncsan_set_thread_name("\xff\xfe\x1b[2J\n==1==ERROR: forged");
  pthread_mutex_unlock(&a);
  return arg;
}

static void suppressed_here(void) { pthread_mutex_unlock(&c); }

int main(int argc, char **argv) {
  if (argc > 1 && !strcmp(argv[1], "hang")) {
    pthread_mutex_lock(&a);
    pthread_mutex_lock(&a);
    return 0;
  }
  for (int i = 0; i < 40; i++) /* past max_held_locks=32: a warning */
    pthread_mutex_lock(&many[i]);
  for (int i = 40; i-- > 0;)
    pthread_mutex_unlock(&many[i]);
  syncsan_lock_set_level(&a, -4);
  pthread_t t;
  pthread_create(&t, NULL, named, NULL);
  pthread_join(t, NULL);
  pthread_mutex_unlock(&b); /* past max_reports_per_check=1: counted */
  suppressed_here();
  return 0;
}
