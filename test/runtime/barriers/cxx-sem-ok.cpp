// std::counting_semaphore near misses, all silent at -O0 and -O2 with a
// short sem_timeout_ms: a bounded queue of 4 producers and 4 consumers on
// two counting semaphores (acquire blocks often, every unit is released);
// release(n) waking n waiters at once; try_acquire that fails and
// succeeds; a std::binary_semaphore hand-off; and a waiter whose releaser
// is late but within the timeout, holding no lock it needs. Units are
// conserved: every item produced is consumed.
// RUN: %syncsan-cxx -std=c++20 %O -g %s -o %t
// RUN: env SYNCSAN_OPTIONS=sem_timeout_ms=300 %expect-exit 0 timeout 20 %t 2>&1 | FileCheck %s --implicit-check-not=SyncSanitizer
// CHECK: consumed=4000 woken=3 try=0,1 handoff=100 late=1
#include <atomic>
#include <chrono>
#include <cstdio>
#include <mutex>
#include <semaphore>
#include <thread>
#include <vector>

alignas(64) static std::counting_semaphore<16> slots(16);
alignas(64) static std::counting_semaphore<16> items(0);
alignas(64) static std::mutex qmu;
static std::vector<int> q;
static std::atomic<int> consumed{0};

int main() {
  std::vector<std::thread> ts;
  for (int i = 0; i < 4; i++) {
    ts.emplace_back([] {
      for (int k = 0; k < 1000; k++) {
        slots.acquire();
        {
          std::lock_guard<std::mutex> g(qmu);
          q.push_back(k);
        }
        items.release();
      }
    });
    ts.emplace_back([] {
      for (int k = 0; k < 1000; k++) {
        items.acquire();
        {
          std::lock_guard<std::mutex> g(qmu);
          q.pop_back();
        }
        consumed.fetch_add(1);
        slots.release();
      }
    });
  }
  for (auto &t : ts)
    t.join();
  ts.clear();

  std::counting_semaphore<8> gate(0);
  std::atomic<int> woken{0};
  for (int i = 0; i < 3; i++)
    ts.emplace_back([&] {
      gate.acquire();
      woken.fetch_add(1);
    });
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  gate.release(3);
  for (auto &t : ts)
    t.join();
  ts.clear();

  std::counting_semaphore<2> tsem(0);
  bool t0 = tsem.try_acquire();
  tsem.release();
  bool t1 = tsem.try_acquire();

  std::binary_semaphore ping(0), pong(0);
  int handoff = 0;
  std::thread h([&] {
    for (int k = 0; k < 100; k++) {
      ping.acquire();
      handoff++;
      pong.release();
    }
  });
  for (int k = 0; k < 100; k++) {
    ping.release();
    pong.acquire();
  }
  h.join();

  std::binary_semaphore late(0);
  std::thread l([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    late.release();
  });
  late.acquire();
  l.join();

  std::printf("consumed=%d woken=%d try=%d,%d handoff=%d late=1\n", consumed.load(), woken.load(),
              t0, t1, handoff);
  return 0;
}
