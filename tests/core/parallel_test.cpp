#include "core/parallel.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <mutex>
#include <set>
#include <stdexcept>
#include <thread>
#include <vector>

namespace hybridctl {
namespace parallel_test {

TEST(ParallelFor, EveryIndexRunsExactlyOnceWhateverTheThreadCount) {
  for (unsigned threads : {1u, 2u, 3u, 8u}) {
    for (size_t count : {size_t{0}, size_t{1}, size_t{2}, size_t{1000}}) {
      std::vector<std::atomic<int>> runs(count);
      parallel_for(count, threads, [&](size_t i) { runs[i].fetch_add(1); });
      for (size_t i = 0; i < count; ++i) EXPECT_EQ(runs[i].load(), 1) << threads << " threads, index " << i;
    }
  }
}

TEST(ParallelFor, OneThreadRunsEverythingOnTheCallersThreadInOrder) {
  std::vector<size_t> order;
  std::set<std::thread::id> ids;
  parallel_for(50, 1, [&](size_t i) {
    order.push_back(i);
    ids.insert(std::this_thread::get_id());
  });
  ASSERT_EQ(order.size(), 50u);
  for (size_t i = 0; i < order.size(); ++i) EXPECT_EQ(order[i], i);
  EXPECT_EQ(ids, std::set<std::thread::id>{std::this_thread::get_id()});
}

TEST(ParallelFor, SeveralThreadsShareTheWork) {
  // Each task waits until two distinct threads have started one: with one
  // thread doing everything this would time out.
  std::mutex m;
  std::set<std::thread::id> ids;
  std::atomic<bool> two_seen{false};
  parallel_for(2, 2, [&](size_t) {
    {
      std::lock_guard lock(m);
      ids.insert(std::this_thread::get_id());
      if (ids.size() == 2) two_seen = true;
    }
    for (int spin = 0; spin < 5000 && !two_seen; ++spin) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  });
  EXPECT_TRUE(two_seen.load());
}

TEST(ParallelFor, TheLowestFailingIndexIsRethrownAfterEveryTaskRan) {
  std::atomic<int> ran{0};
  try {
    parallel_for(100, 4, [&](size_t i) {
      ran.fetch_add(1);
      if (i == 70 || i == 30) throw std::runtime_error("task " + std::to_string(i));
    });
    FAIL() << "no exception";
  } catch (const std::runtime_error& e) {
    EXPECT_STREQ(e.what(), "task 30");
  }
  EXPECT_EQ(ran.load(), 100);
}

TEST(WorkerThreads, HybridctlThreadsOverridesTheCoreCount) {
  setenv("HYBRIDCTL_THREADS", "3", 1);
  EXPECT_EQ(worker_threads(), 3u);
  setenv("HYBRIDCTL_THREADS", "1", 1);
  EXPECT_EQ(worker_threads(), 1u);
  setenv("HYBRIDCTL_THREADS", "banana", 1);  // ignored: one per core
  unsigned fallback = worker_threads();
  EXPECT_GE(fallback, 1u);
  EXPECT_LE(fallback, 8u);
  unsetenv("HYBRIDCTL_THREADS");
  EXPECT_EQ(worker_threads(), fallback);
}

}  // namespace parallel_test
}  // namespace hybridctl
