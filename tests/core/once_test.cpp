#include "core/once.h"

#include <gtest/gtest.h>

#include <atomic>
#include <stdexcept>
#include <thread>
#include <vector>

namespace hybridctl {
namespace once_test {

TEST(Once, ConcurrentCallersComputeOnceAndAllSeeTheResult) {
  for (int round = 0; round < 20; ++round) {
    Once once;
    std::atomic<int> computed{0};
    int value = 0;
    std::vector<int> seen(8, -1);
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; ++t) {
      threads.emplace_back([&, t] {
        once.call([&] {
          computed.fetch_add(1);
          value = 42;
        });
        seen[t] = value;  // ordered after the computation by the acquire in call()
      });
    }
    for (auto& th : threads) th.join();
    EXPECT_EQ(computed.load(), 1);
    for (int v : seen) EXPECT_EQ(v, 42);
  }
}

TEST(Once, AComputationThatThrowsIsRetriedByTheNextCaller) {
  // std::call_once on libstdc++ would leave such a flag in progress and hang
  // every later caller (GCC PR 66146).
  Once once;
  int attempts = 0;
  EXPECT_THROW(once.call([&] {
    ++attempts;
    throw std::runtime_error("first try fails");
  }),
               std::runtime_error);
  once.call([&] { ++attempts; });
  once.call([&] { ++attempts; });
  EXPECT_EQ(attempts, 2);
}

TEST(Once, NestedOnceOfAnotherFlagRunsInsideTheFirst) {
  // placement() computes bound_pods() inside its own computation.
  Once outer, inner;
  int inner_runs = 0;
  outer.call([&] { inner.call([&] { ++inner_runs; }); });
  inner.call([&] { ++inner_runs; });
  EXPECT_EQ(inner_runs, 1);
}

}  // namespace once_test
}  // namespace hybridctl
