// Near misses with the C++ standard library, all silent at -O0 and -O2:
// std::mutex through lock_guard and unique_lock, a std::recursive_mutex
// taken twice, std::shared_mutex readers and writers, std::timed_mutex and
// std::shared_timed_mutex timed tries, and a std::condition_variable
// queue using wait with a predicate, wait_for and notify_one/notify_all.
// RUN: %syncsan-cxx %O -g %s -o %t
// RUN: %expect-exit 0 %t 2>&1 | FileCheck %s
// CHECK-NOT: SyncSanitizer
// CHECK: consumed=2000 shared=4 timed=1
// CHECK-NOT: SyncSanitizer
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <mutex>
#include <shared_mutex>
#include <thread>
#include <vector>

static std::mutex mu;
static std::condition_variable cv;
static std::deque<int> q;
static bool closed;
static std::recursive_mutex rec;
static std::shared_mutex sm;
static std::timed_mutex tm;
static std::shared_timed_mutex stm;
static int consumed, shared_hits;

static void produce() {
  for (int i = 0; i < 1000; i++) {
    std::lock_guard<std::mutex> g(mu);
    q.push_back(i);
    cv.notify_one();
  }
}

static void consume() {
  for (;;) {
    std::unique_lock<std::mutex> l(mu);
    cv.wait(l, [] { return !q.empty() || closed; });
    if (q.empty())
      return;
    q.pop_front();
    consumed++;
    std::lock_guard<std::recursive_mutex> a(rec);
    std::lock_guard<std::recursive_mutex> b(rec);
  }
}

int main() {
  std::vector<std::thread> ts;
  ts.emplace_back(produce);
  ts.emplace_back(produce);
  ts.emplace_back(consume);
  ts.emplace_back(consume);
  ts[0].join();
  ts[1].join();
  {
    std::unique_lock<std::mutex> l(mu);
    cv.wait_for(l, std::chrono::milliseconds(1), [] { return q.empty(); });
    closed = true;
    cv.notify_all();
  }
  ts[2].join();
  ts[3].join();

  std::vector<std::thread> readers;
  for (int i = 0; i < 4; i++)
    readers.emplace_back([] {
      std::shared_lock<std::shared_mutex> s(sm);
      std::shared_lock<std::shared_timed_mutex> s2(stm);
      std::lock_guard<std::mutex> g(mu);
      shared_hits++;
    });
  for (auto &r : readers)
    r.join();
  {
    std::unique_lock<std::shared_mutex> w(sm);
  }
  int timed = 0;
  if (tm.try_lock_for(std::chrono::milliseconds(5))) {
    timed++;
    tm.unlock();
  }
  if (stm.try_lock_shared_for(std::chrono::milliseconds(5)))
    stm.unlock_shared();
  if (stm.try_lock_for(std::chrono::milliseconds(5)))
    stm.unlock();
  std::condition_variable local;
  local.notify_all();
  std::printf("consumed=%d shared=%d timed=%d\n", consumed, shared_hits, timed);
  return 0;
}
