// Runs a computation once, by the first thread that asks, while the others
// wait for it: the memoised analyses that rules share across threads.
//
// Not std::call_once: libstdc++ implements it with pthread_once, which leaves
// the flag "in progress" forever when the computation throws (GCC PR 66146),
// and under ThreadSanitizer mixes glibc's and the sanitizer's pthread_once
// on the same flag, which deadlocks. A mutex has neither problem: a
// computation that throws releases it, and the next caller tries again.
#pragma once

#include <atomic>
#include <mutex>

namespace hybridctl {

class Once {
 public:
  template <class F>
  void call(F&& compute) {
    if (done_.load(std::memory_order_acquire)) return;
    std::lock_guard lock(mutex_);
    if (done_.load(std::memory_order_relaxed)) return;
    compute();
    done_.store(true, std::memory_order_release);
  }

 private:
  std::mutex mutex_;
  std::atomic<bool> done_{false};
};

}  // namespace hybridctl
