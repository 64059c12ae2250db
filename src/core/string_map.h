// A small ordered string→string map for labels, annotations and
// nodeSelector: a sorted vector, because these maps are tiny and read far
// more often than written. Copies share the vector until one is changed
// (SharedList): the pods of one ReplicaSet carry the same labels, and the
// decoder interns them.
#pragma once

#include <algorithm>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/shared_list.h"

namespace hybridctl {

class StringMap {
 public:
  using Entry = std::pair<std::string, std::string>;

  StringMap() = default;
  StringMap(std::initializer_list<Entry> entries) {
    for (const auto& e : entries) set(e.first, e.second);
  }

  // The value of `key`, or nullptr when the key is absent.
  const std::string* find(std::string_view key) const {
    auto it = lower(key);
    return (it != entries_.end() && it->first == key) ? &it->second : nullptr;
  }
  bool contains(std::string_view key) const { return find(key) != nullptr; }
  std::string_view get(std::string_view key, std::string_view fallback = {}) const {
    const std::string* v = find(key);
    return v ? std::string_view(*v) : fallback;
  }

  void set(std::string key, std::string value) {
    std::vector<Entry>& entries = entries_.edit();
    auto it = std::lower_bound(entries.begin(), entries.end(), key,
                               [](const Entry& e, std::string_view k) { return e.first < k; });
    if (it != entries.end() && it->first == key) {
      it->second = std::move(value);
    } else {
      entries.emplace(it, std::move(key), std::move(value));
    }
  }
  bool erase(std::string_view key) {
    if (!contains(key)) return false;
    std::vector<Entry>& entries = entries_.edit();
    entries.erase(std::lower_bound(entries.begin(), entries.end(), key,
                                   [](const Entry& e, std::string_view k) { return e.first < k; }));
    return true;
  }

  // Room for `n` entries: decoders know a map's size up front, and growing
  // by doubling leaves up to half the entries' space unused in the model.
  void reserve(size_t n) { entries_.reserve(n); }
  bool empty() const { return entries_.empty(); }
  size_t size() const { return entries_.size(); }
  auto begin() const { return entries_.begin(); }
  auto end() const { return entries_.end(); }
  bool operator==(const StringMap&) const = default;
  // An identity for the entries: equal for maps that share them, null when empty.
  const void* storage_id() const { return entries_.storage_id(); }

 private:
  std::vector<Entry>::const_iterator lower(std::string_view key) const {
    return std::lower_bound(entries_.begin(), entries_.end(), key,
                            [](const Entry& e, std::string_view k) { return e.first < k; });
  }
  SharedList<Entry> entries_;
};

}  // namespace hybridctl
