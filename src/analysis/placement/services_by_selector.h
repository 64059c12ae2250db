// The snapshot's Services with a selector, indexed by namespace and one pair
// of their selector (helper.DefaultSelector's question: which Services select
// this pod). Built once per snapshot: every placement of it shares one.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/string_map.h"
#include "k8s/label_selector.h"
#include "model/snapshot.h"

namespace hybridctl::analysis::placement {

// A pod template finds the Services that may select it through its own
// labels, not by testing every Service (15,000 templates and 10,000 Services
// made that the largest cost of a placement; one build per fix check made
// audits of 10,000 webhook backends quadratic).
class ServicesBySelectorPair {
 public:
  explicit ServicesBySelectorPair(const model::Snapshot& snapshot) {
    for (const model::Service& svc : snapshot.services) {
      if (svc.selector.empty()) continue;
      const auto& [key, value] = *svc.selector.begin();
      by_pair_[pair_key(svc.meta.ns, key, value)].push_back(&svc);
    }
  }

  // Services in `ns` whose whole selector matches `labels`, each once.
  template <class F>
  void for_each_selecting(const std::string& ns, const StringMap& labels, F&& f) const {
    for (const auto& [key, value] : labels) {
      auto it = by_pair_.find(pair_key(ns, key, value));
      if (it == by_pair_.end()) continue;
      for (const model::Service* svc : it->second) {
        if (k8s::selector_map_matches(svc->selector, labels)) f(*svc);
      }
    }
  }

 private:
  static std::string pair_key(std::string_view ns, std::string_view key, std::string_view value) {
    std::string k;
    k.reserve(ns.size() + key.size() + value.size() + 2);
    k.append(ns).push_back('\0');
    k.append(key).push_back('\0');
    k.append(value);
    return k;
  }
  std::unordered_map<std::string, std::vector<const model::Service*>> by_pair_;
};

}  // namespace hybridctl::analysis::placement
