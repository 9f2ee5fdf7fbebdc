// A queue operation that throws: the wrapper's record is released on the
// unwind edge (__syncsan_queue_unwind, not end), once, and the exception
// reaches the program's handler unchanged; a call that returns gets end.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %clang -O0 -c -I%srcroot/include %S/Inputs/queue_abi_print.c -o %t/stub.o
// RUN: %syncsan-cxx -O0 -c %s -o %t/o0.o
// RUN: %clang %t/o0.o %t/stub.o -lstdc++ -o %t/o0
// RUN: %t/o0 | FileCheck %s
// RUN: %syncsan-cxx -O2 -c %s -o %t/o2.o
// RUN: %clang %t/o2.o %t/stub.o -lstdc++ -o %t/o2
// RUN: %t/o2 | FileCheck %s
#include <cstdio>
#include <stdexcept>
#include <syncsan/syncsan.h>

struct Chan {
  int n = 0;
};

int chan_send(Chan *c, int v) SYNCSAN_QUEUE("push ok=zero");
int chan_send(Chan *c, int v) {
  if (v < 0)
    throw std::invalid_argument("negative");
  c->n += v;
  return 0;
}

struct Note {
  ~Note() { std::printf("cleanup\n"); }
};

static int send(Chan *c, int v) {
  Note n;
  return chan_send(c, v);
}

int main() {
  Chan c;
  // CHECK: begin chan_send(Chan*, int) role=2
  // CHECK-NEXT: end chan_send(Chan*, int) r=0
  // CHECK-NEXT: cleanup
  // CHECK-NEXT: sent 0 n=3
  int r = send(&c, 3);
  std::printf("sent %d n=%d\n", r, c.n);
  // CHECK-NEXT: begin chan_send(Chan*, int) role=2
  // CHECK-NEXT: unwind chan_send(Chan*, int)
  // CHECK-NEXT: cleanup
  // CHECK-NEXT: caught negative n=3
  try {
    send(&c, -1);
  } catch (const std::invalid_argument &e) {
    std::printf("caught %s n=%d\n", e.what(), c.n);
  }
  return 0;
}
