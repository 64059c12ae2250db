// A map whose values are computed on first request and kept: the first
// thread that asks for a key computes its value outside the map's lock, so
// threads asking for other keys go on, and those asking for the same key
// wait for that one computation. Rules ask the memoised analyses from
// several threads (analysis/analyses.h).
#pragma once

#include <exception>
#include <future>
#include <map>
#include <mutex>
#include <optional>

namespace hybridctl {

// `Map` is std::map by default; keys without an order (a workload's
// content) use an unordered map with their own hash.
template <class Key, class Value, class Map = std::map<Key, std::shared_future<Value>>>
class MemoMap {
 public:
  // The value of `key`, computed by `compute()` the first time. The
  // reference lives as long as the map. A computation that throws is kept
  // too: every asker of that key gets the exception.
  template <class Compute>
  const Value& get(const Key& key, Compute&& compute) {
    std::optional<std::promise<Value>> answer;  // only the first asker makes one
    std::shared_future<Value> result;
    {
      std::lock_guard lock(mutex_);
      auto [it, fresh] = values_.try_emplace(key);
      if (fresh) {
        answer.emplace();
        it->second = answer->get_future().share();
      }
      result = it->second;
    }
    if (answer) {
      try {
        answer->set_value(compute());
      } catch (...) {
        answer->set_exception(std::current_exception());
      }
    }
    return result.get();  // the shared state is the map's too: the reference outlives `result`
  }

 private:
  std::mutex mutex_;
  Map values_;
};

}  // namespace hybridctl
