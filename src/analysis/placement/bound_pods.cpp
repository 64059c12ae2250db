#include "analysis/placement/bound_pods.h"

#include <string>
#include <unordered_map>

#include "analysis/ownership.h"
#include "analysis/placement/pod_templates.h"
#include "core/hash_mix.h"

namespace hybridctl::analysis::placement {
namespace {

// What template_fingerprint reads of a pod (its node name aside), by the
// storage of the parts the decoder interned: pods with equal keys have equal
// fingerprints, so only the first pod of each key is fingerprinted. The
// replicas of a ReplicaSet share every part; 150,000 fingerprints became a
// few thousand.
struct SharedPartsKey {
  std::string_view ns;
  const model::Workload* owner;
  const void* labels;
  const void* node_selector;
  const void* affinity;
  const void* tolerations;
  const void* topology_spread;
  const void* containers;
  const void* init_containers;
  bool host_network;
  bool operator==(const SharedPartsKey&) const = default;
};

SharedPartsKey shared_parts_key(const model::Pod& p, const model::Workload* owner) {
  const model::PodSpec& s = p.spec;
  return {p.meta.ns,
          owner,
          p.meta.labels.storage_id(),
          s.node_selector.storage_id(),
          s.affinity.storage_id(),
          s.tolerations.storage_id(),
          s.topology_spread.storage_id(),
          s.containers.storage_id(),
          s.init_containers.storage_id(),
          s.host_network};
}

struct SharedPartsKeyHash {
  size_t operator()(const SharedPartsKey& k) const {
    size_t h = hash_mix(hash_of(k.ns), static_cast<size_t>(k.host_network));
    for (const void* part : {static_cast<const void*>(k.owner), k.labels, k.node_selector, k.affinity, k.tolerations,
                             k.topology_spread, k.containers, k.init_containers}) {
      h = hash_mix(h, hash_of(part));
    }
    return h;
  }
};

}  // namespace

BoundPods::BoundPods(const model::Snapshot& snapshot) {
  std::unordered_map<std::string, uint32_t> group_of;
  std::unordered_map<SharedPartsKey, uint32_t, SharedPartsKeyHash> group_of_parts;
  for (const model::Pod& p : snapshot.pods) {
    if (p.spec.node_name.empty() || p.finished()) continue;
    const model::Node* node = snapshot.node(p.spec.node_name);
    if (!node) continue;  // bound to a node the input does not have
    const model::Workload* owner = workload_of_pod(snapshot, p);
    auto [known, first_of_parts] = group_of_parts.emplace(shared_parts_key(p, owner), 0);
    if (first_of_parts) {
      std::string key = template_fingerprint(p.meta.ns, p.meta.labels, p.spec, owner, /*without_node_name=*/true);
      auto [it, added] = group_of.emplace(key, static_cast<uint32_t>(groups_.size()));
      if (added) groups_.push_back({&p, owner, std::move(key)});
      known->second = it->second;
    }
    pods_.push_back({known->second, static_cast<uint32_t>(node - snapshot.nodes.data()), p.meta.deleting});
  }
}

}  // namespace hybridctl::analysis::placement
