// An instrumented std::condition_variable call goes to its hook, which
// calls libstdc++'s member, which calls pthread_cond_* through libstdc++'s
// PLT: that is the interposer, but the call is the same operation, already
// checked, so it performs the real operation only. Were it checked again,
// the wait's mutex (already released by the hook) would read as not held:
// a false condvar-wait-unlocked. Nothing is reported, and the mutex's
// acquisitions are counted once: one per lock and one per return from a
// wait (how many waits there are depends on the scheduling; the program
// counts them).
// RUN: %syncsan-cxx %O -g %s -o %t
// RUN: env SYNCSAN_OPTIONS=profile_locks=1 %expect-exit 0 %t 2>&1 | FileCheck %s
// CHECK: rounds 5 acquisitions [[N:[0-9]+]]
// CHECK-NOT: ERROR: SyncSanitizer
// CHECK: lock profile (profile_locks=1)
// CHECK: 'm' [[N]]{{[[:space:]]}}
// CHECK-NOT: ERROR: SyncSanitizer
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <thread>

static std::mutex m;
static std::condition_variable cv;
static int turn; /* 0: the notifier's, 1: the waiter's */
static int waits; /* returns from cv.wait, each a re-acquisition of m; under m */

int main() {
  std::thread waiter([] {
    for (int i = 0; i < 5; i++) {
      std::unique_lock<std::mutex> l(m);
      while (turn != 1) {
        cv.wait(l);
        waits++;
      }
      turn = 0;
      cv.notify_one();
    }
  });
  int rounds = 0;
  for (int i = 0; i < 5; i++) {
    std::unique_lock<std::mutex> l(m);
    turn = 1;
    cv.notify_one();
    while (turn != 0) {
      cv.wait(l);
      waits++;
    }
    rounds++;
  }
  waiter.join();
  std::printf("rounds %d acquisitions %d\n", rounds, 10 + waits);
  return 0;
}
