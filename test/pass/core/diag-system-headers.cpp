// Like compilers, syncsan says nothing about code in system headers: the
// C++ standard library's shared_ptr counts, futures and threads use atomics
// and plain accesses in their own ways (single-threaded fast paths, fields
// written by different members), which the user cannot change. Their types'
// fields are left out of the object checks, and locations inside them are
// never reported, with or without debug info.
// RUN: %syncsan-cxx -O0 -g -c %s -o %t.o 2>&1 | FileCheck %s --allow-empty --implicit-check-not=syncsan-
// RUN: %syncsan-cxx -O2 -g -c %s -o %t.o 2>&1 | FileCheck %s --allow-empty --implicit-check-not=syncsan-
// RUN: %syncsan-cxx -O0 -c %s -o %t.o 2>&1 | FileCheck %s --allow-empty --implicit-check-not=syncsan-
// RUN: %syncsan-cxx -O2 -c %s -o %t.o 2>&1 | FileCheck %s --allow-empty --implicit-check-not=syncsan-
// CHECK-NOT: syncsan-
#include <atomic>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

struct Node {
  int value = 0;
  std::shared_ptr<Node> next;
};

std::mutex lock;

int main() {
  auto head = std::make_shared<Node>();
  head->next = std::make_shared<Node>();
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; i++)
    threads.emplace_back([head] {
      auto n = head->next;
      std::lock_guard<std::mutex> g(lock);
      n->value++;
    });
  for (auto &t : threads)
    t.join();
  auto f = std::async(std::launch::async, [] { return std::string("done"); });
  std::map<int, std::weak_ptr<Node>> cache;
  cache[1] = head;
  std::atomic<int> hits{0};
  hits.fetch_add(1, std::memory_order_relaxed);
  return (int)f.get().size() + (cache[1].lock() ? 0 : 1) + hits.load();
}
