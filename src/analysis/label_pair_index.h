// Objects of a namespace indexed by each of their labels (key=value), so that
// a selector finds its candidates through one of its pairs instead of
// testing every object of the namespace: 10,000 Services against 15,000
// workloads or 150,000 pods is otherwise quadratic.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/hash_mix.h"
#include "core/string_map.h"
#include "k8s/label_selector.h"

namespace hybridctl::analysis {

template <class T>
class LabelPairIndex {
 public:
  // `ns` and `labels` must outlive the index (an object's own fields).
  void add(std::string_view ns, const StringMap& labels, const T* object) {
    if (labels.empty()) return;
    // Objects that share their labels' storage (the decoder interns the
    // replicas' labels) share their lists too: the pairs are looked up once
    // per label set, not once per pod. The lists never move (node-based map).
    auto [known, first] = lists_of_set_.try_emplace(LabelSet{ns, labels.storage_id()});
    if (first) {
      for (const auto& [k, v] : labels) known->second.push_back(&by_pair_[key(ns, k, v)]);
    }
    for (std::vector<const T*>* list : known->second) list->push_back(object);
  }

  // The objects of `ns` whose labels match the equality selector `selector`
  // (every pair present), in the order they were added. An empty selector
  // matches nothing here: callers decide what "no selector" means.
  std::vector<const T*> matching(std::string_view ns, const StringMap& selector,
                                 const StringMap& (*labels_of)(const T&)) const {
    std::vector<const T*> out;
    if (selector.empty()) return out;
    // Any pair narrows to a superset of the matches; the whole selector decides.
    const auto& [k, v] = *selector.begin();
    auto it = by_pair_.find(key(ns, k, v));
    if (it == by_pair_.end()) return out;
    for (const T* object : it->second) {
      if (k8s::selector_map_matches(selector, labels_of(*object))) out.push_back(object);
    }
    return out;
  }

 private:
  static std::string key(std::string_view ns, std::string_view k, std::string_view v) {
    std::string out(ns);
    out += '\0';
    out += k;
    out += '=';
    out += v;
    return out;
  }

  struct LabelSet {
    std::string_view ns;
    const void* labels;  // StringMap::storage_id
    bool operator==(const LabelSet&) const = default;
  };
  struct LabelSetHash {
    size_t operator()(const LabelSet& s) const { return hash_mix(hash_of(s.ns), hash_of(s.labels)); }
  };

  std::unordered_map<std::string, std::vector<const T*>> by_pair_;
  std::unordered_map<LabelSet, std::vector<std::vector<const T*>*>, LabelSetHash> lists_of_set_;
};

}  // namespace hybridctl::analysis
