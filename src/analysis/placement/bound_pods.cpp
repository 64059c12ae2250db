#include "analysis/placement/bound_pods.h"

#include <string>
#include <unordered_map>

#include "analysis/ownership.h"
#include "analysis/placement/pod_templates.h"

namespace hybridctl::analysis::placement {

BoundPods::BoundPods(const model::Snapshot& snapshot) {
  std::unordered_map<std::string, uint32_t> group_of;
  for (const model::Pod& p : snapshot.pods) {
    if (p.spec.node_name.empty() || p.finished()) continue;
    const model::Node* node = snapshot.node(p.spec.node_name);
    if (!node) continue;  // bound to a node the input does not have
    const model::Workload* owner = workload_of_pod(snapshot, p);
    std::string key = template_fingerprint(p.meta.ns, p.meta.labels, p.spec, owner, /*without_node_name=*/true);
    auto [it, added] = group_of.emplace(key, static_cast<uint32_t>(groups_.size()));
    if (added) groups_.push_back({&p, owner, std::move(key)});
    pods_.push_back({it->second, static_cast<uint32_t>(node - snapshot.nodes.data()), p.meta.deleting});
  }
}

}  // namespace hybridctl::analysis::placement
