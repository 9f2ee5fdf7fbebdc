// sem-stall on a std::counting_semaphore and a std::binary_semaphore. lock:
// a lock holder waits for a release that only a thread blocked on that lock
// makes (main holds 'mu' in acquire; T1 released once, then blocks taking
// 'mu' before its second release): the report names the cycle. never: two
// threads each acquire a semaphore only the other releases, after its own
// acquire: no thread has ever released either.
// RUN: %syncsan-cxx -std=c++20 %O -g %s -o %t
// RUN: env SYNCSAN_OPTIONS=sem_timeout_ms=100:sem_stall_action=abort %expect-exit 66 timeout 10 %t lock 2>&1 | FileCheck %s --check-prefix=LOCK
// RUN: env SYNCSAN_OPTIONS=sem_timeout_ms=100:sem_stall_action=abort %expect-exit 66 timeout 10 %t never 2>&1 | FileCheck %s --check-prefix=NEVER
#include <cstdio>
#include <cstring>
#include <mutex>
#include <semaphore>
#include <thread>

alignas(64) static std::counting_semaphore<8> ready(0);
alignas(64) static std::binary_semaphore go(0);
alignas(64) static std::binary_semaphore result(0);
alignas(64) static std::mutex mu;

static void poster() {
  ready.release();
  std::lock_guard<std::mutex> g(mu);
  ready.release();
}

int main(int argc, char **argv) {
  if (!std::strcmp(argc > 1 ? argv[1] : "", "lock")) {
    std::lock_guard<std::mutex> g(mu);
    std::thread t(poster);
    ready.acquire();
    ready.acquire();
    t.join();
  } else {
    std::thread t([] {
      go.acquire();
      result.release();
    });
    result.acquire();
    go.release();
    t.join();
  }
  std::printf("not reached\n");
  return 0;
}
// LOCK: ERROR: SyncSanitizer: sem-stall: T0 has waited on semaphore S{{[0-9]+}} 'ready' (0x{{[0-9a-f]+}}) for {{[0-9]+}} ms with no post since, and every thread that ever posted it (T1) is blocked: no thread can post it
// LOCK: Thread T0 waits on semaphore S{{[0-9]+}} 'ready' {{.*}} (value 0), at:
// LOCK-NEXT: #0 main {{.*}}cxx-sem-stall.cpp:32:11 (std::counting_semaphore::acquire)
// LOCK: Thread T1 posted it at the place below; it is now blocked acquiring mutex {{.*}}, held by T0, and T0 waits for its post: a deadlock:
// LOCK-NEXT: #0 poster() {{.*}}cxx-sem-stall.cpp:22:9 (std::counting_semaphore::release)
// LOCK: SUMMARY: SyncSanitizer: sem-stall
// LOCK-NOT: not reached
// NEVER: ERROR: SyncSanitizer: sem-stall: T{{[01]}} has waited on semaphore S{{[0-9]+}} '{{go|result}}' (0x{{[0-9a-f]+}}) for {{[0-9]+}} ms, no thread has ever posted it, and every other thread (T{{[01]}}) is blocked: no thread can post it
// NEVER: SUMMARY: SyncSanitizer: sem-stall
// NEVER-NOT: not reached
