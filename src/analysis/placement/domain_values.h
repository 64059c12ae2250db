// Per-domain values (pod counts, topology scores, marks) that a plugin fills
// for one scheduling cycle: dense per topology key so the candidate loop is a
// plain array read, and reset by undoing only what was touched, so a cycle
// costs what it touched rather than the number of domains.
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

#include "analysis/placement/node_table.h"

namespace hybridctl::analysis::placement {

class DomainValues {
 public:
  void add(const NodeTable& nodes, KeyId key, DomainId d, int64_t delta) {
    int64_t* v = column(nodes, key);
    v[d] += delta;
    touched_.emplace_back(key, d);
    note_key(key);
  }
  // The values of `key` by domain (all zero when nothing was added).
  const int64_t* of(const NodeTable& nodes, KeyId key) { return column(nodes, key); }
  // Keys something was added to since the last reset, in first-add order.
  const std::vector<KeyId>& keys() const { return keys_; }
  bool empty() const { return keys_.empty(); }
  void reset() {
    for (auto [k, d] : touched_) values_[k][d] = 0;
    for (KeyId k : keys_) used_[k] = 0;
    touched_.clear();
    keys_.clear();
  }

 private:
  int64_t* column(const NodeTable& nodes, KeyId key) {
    if (values_.size() <= static_cast<size_t>(key)) {
      values_.resize(key + 1);
      used_.resize(key + 1, 0);
    }
    std::vector<int64_t>& v = values_[key];
    if (v.size() < nodes.domain_count(key)) v.resize(nodes.domain_count(key), 0);
    return v.data();
  }
  void note_key(KeyId key) {
    if (!used_[key]) {
      used_[key] = 1;
      keys_.push_back(key);
    }
  }

 public:
  // Marks `key` as used even when every value added to it is zero (the
  // InterPodAffinity score distinguishes "no term" from "terms summing to 0").
  void touch_key(const NodeTable& nodes, KeyId key) {
    column(nodes, key);
    note_key(key);
  }

 private:
  std::vector<std::vector<int64_t>> values_;
  std::vector<uint8_t> used_;
  std::vector<KeyId> keys_;
  std::vector<std::pair<KeyId, DomainId>> touched_;
};

}  // namespace hybridctl::analysis::placement
