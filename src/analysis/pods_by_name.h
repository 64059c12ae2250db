// Pods by namespace and name: the one index of that question. The rules'
// pod finder (Analyses::pod_finder) and the traffic model, which adds the
// pods its placement simulated, read the same index of the snapshot's pods.
#pragma once

#include <span>
#include <string_view>
#include <unordered_map>

#include "core/hash_mix.h"
#include "model/workloads.h"

namespace hybridctl::analysis {

class PodsByName {
 public:
  PodsByName() = default;
  explicit PodsByName(std::span<const model::Pod> pods) { add(pods); }

  // Indexes `pods`, which must outlive the index; of two pods with one
  // name, the first indexed is the one found.
  void add(std::span<const model::Pod> pods);
  const model::Pod* find(std::string_view ns, std::string_view name) const;

 private:
  // Views of the pods' own namespace and name: no key is built per pod or
  // per lookup (150,000 string keys were a tenth of a second).
  struct NsName {
    std::string_view ns, name;
    bool operator==(const NsName&) const = default;
  };
  struct NsNameHash {
    size_t operator()(const NsName& k) const { return hash_mix(hash_of(k.ns), hash_of(k.name)); }
  };
  std::unordered_map<NsName, const model::Pod*, NsNameHash> pods_;
};

}  // namespace hybridctl::analysis
