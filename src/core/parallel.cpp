#include "core/parallel.h"

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <exception>
#include <thread>
#include <vector>

namespace hybridctl {

unsigned worker_threads() {
  if (const char* env = std::getenv("HYBRIDCTL_THREADS")) {
    int n = std::atoi(env);
    if (n >= 1) return static_cast<unsigned>(std::min(n, 64));
  }
  return std::clamp(std::thread::hardware_concurrency(), 1u, 8u);
}

void parallel_for(size_t count, unsigned threads, const std::function<void(size_t)>& task) {
  std::vector<std::exception_ptr> errors(count);
  std::atomic<size_t> next{0};
  auto drain = [&] {
    for (size_t i = next.fetch_add(1); i < count; i = next.fetch_add(1)) {
      try {
        task(i);
      } catch (...) {
        errors[i] = std::current_exception();
      }
    }
  };
  size_t helpers = std::min<size_t>(threads, count);
  helpers = helpers > 0 ? helpers - 1 : 0;  // the caller is one of the threads
  std::vector<std::thread> pool;
  pool.reserve(helpers);
  for (size_t t = 0; t < helpers; ++t) pool.emplace_back(drain);
  drain();
  for (std::thread& t : pool) t.join();
  for (const std::exception_ptr& e : errors) {
    if (e) std::rethrow_exception(e);
  }
}

}  // namespace hybridctl
