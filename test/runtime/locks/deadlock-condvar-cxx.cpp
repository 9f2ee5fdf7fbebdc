// The condvar deadlock in C++: a worker waits on a std::condition_variable
// for a flag main never sets, and main joins it (std::thread::join). Both
// threads are blocked and the condvar has had no notify since the wait
// began: reported and ended. With a notify_one that sets the flag first,
// the same program finishes silently.
// RUN: %syncsan-cxx %O -g %s -o %t
// RUN: env SYNCSAN_OPTIONS=deadlock_timeout_ms=300 %expect-exit 66 timeout 30 %t 2>&1 | FileCheck %s
// RUN: env SYNCSAN_OPTIONS=deadlock_timeout_ms=300 %expect-exit 0 timeout 30 %t notify 2>&1 | FileCheck %s --check-prefix=OK
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <mutex>
#include <thread>
#include <unistd.h>

std::mutex m;
std::condition_variable cv;
static bool go;

int main(int argc, char **argv) {
  bool notify = argc > 1 && !strcmp(argv[1], "notify");
  std::thread worker([] {
    std::unique_lock<std::mutex> l(m);
    while (!go)
      cv.wait(l);
  });
  if (notify) {
    usleep(600 * 1000); /* the worker waits past the timeout first */
    std::lock_guard<std::mutex> l(m);
    go = true;
    cv.notify_one();
  }
  worker.join();
  fprintf(stderr, "finished\n");
  return 0;
}
// CHECK: ERROR: SyncSanitizer: deadlock: T1 waits on condvar C{{[0-9]+}} {{.*}}with no signal since it began waiting, and every other thread (T0) is blocked: no thread can signal it
// CHECK-DAG: Thread T0 waits for T1 to end (a join), at:
// CHECK-DAG: Thread T1 waits on condvar C{{[0-9]+}} {{.*}}(no signal since it began waiting), at:
// CHECK: syncsan: ending the deadlocked process
// CHECK-NOT: finished

// OK-NOT: SyncSanitizer
// OK: finished
