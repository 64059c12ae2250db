#include "analysis/traffic/traffic_context.h"

#include <algorithm>
#include <map>

namespace hybridctl::analysis::traffic {
namespace {

const StringMap& pod_labels(const model::Pod& p) { return p.meta.labels; }

}  // namespace

TrafficContext::TrafficContext(const TrafficInputs& in)
    : in_(in), locator_(in.locator), snapshot_pods_(in.snapshot_pods) {
  const model::Snapshot& s = in.snapshot;
  if (!locator_) {
    own_routability_ = std::make_unique<Routability>(s);
    own_locator_ = std::make_unique<EndpointLocator>(s, *own_routability_);
    locator_ = own_locator_.get();
  }
  std::string_view version = s.facts.kubernetes_version;
  if (version.empty() && s.cluster_info) version = s.cluster_info->kubernetes_version;
  gates_ = k8s::HintsFeatureGates::for_version(version);
  census_ = k8s::zone_cpu_census(s.nodes);
  planes_ = data_planes(s);
  snapshot_has_placed_pods_ =
      std::any_of(s.pods.begin(), s.pods.end(), [](const model::Pod& p) { return p.simulated; });
  std::map<std::pair<std::string_view, DataPlane>, size_t> group_index;
  for (uint32_t i = 0; i < s.nodes.size(); ++i) {
    const model::Node& n = s.nodes[i];
    nodes_by_name_.emplace(n.meta.name, i);
    const bool hybrid = n.is_hybrid();
    (hybrid ? hybrid_nodes_ : cloud_nodes_)++;
    auto& counts = zone_env_counts_[n.zone()];
    (hybrid ? counts.second : counts.first)++;
    group_index.try_emplace({n.zone(), planes_[i]}, 0);
  }
  groups_.reserve(group_index.size());
  for (auto& [key, index] : group_index) {
    index = groups_.size();
    groups_.push_back(ClientGroup{std::string(key.first), key.second, {}, 0, 0});
  }
  group_of_node_.resize(s.nodes.size());
  for (uint32_t i = 0; i < s.nodes.size(); ++i) {
    group_of_node_[i] = static_cast<uint32_t>(group_index[{s.nodes[i].zone(), planes_[i]}]);
    ClientGroup& g = groups_[group_of_node_[i]];
    g.nodes.push_back(i);
    (s.nodes[i].is_hybrid() ? g.hybrid : g.cloud)++;
  }
}

const model::Node* TrafficContext::node(std::string_view name) const {
  auto it = nodes_by_name_.find(name);
  return it == nodes_by_name_.end() ? nullptr : &in_.snapshot.nodes[it->second];
}

std::optional<uint32_t> TrafficContext::node_index(std::string_view name) const {
  auto it = nodes_by_name_.find(name);
  if (it == nodes_by_name_.end()) return std::nullopt;
  return it->second;
}

DataPlane TrafficContext::data_plane_of(const model::Node& node) const {
  const auto& nodes = in_.snapshot.nodes;
  if (!nodes.empty() && &node >= nodes.data() && &node < nodes.data() + nodes.size()) {
    return planes_[static_cast<size_t>(&node - nodes.data())];
  }
  model::Snapshot single;
  single.nodes.push_back(node);
  single.workloads = in_.snapshot.workloads;
  single.config_maps = in_.snapshot.config_maps;
  single.cilium_nodes = in_.snapshot.cilium_nodes;
  single.build_indexes();
  return data_planes(single).front();
}

std::optional<model::Environment> TrafficContext::zone_environment(std::string_view zone) const {
  auto it = zone_env_counts_.find(zone);
  if (it == zone_env_counts_.end()) return std::nullopt;
  return it->second.second > it->second.first ? model::Environment::Hybrid : model::Environment::Cloud;
}

void TrafficContext::index_pods_by_name() const {
  pods_by_name_once_.call([this] {
    if (!snapshot_pods_) {
      own_snapshot_pods_.add(in_.snapshot.pods);
      snapshot_pods_ = &own_snapshot_pods_;
    }
    extra_pods_by_name_.add(in_.extra_pods);
  });
}

void TrafficContext::index_pods_by_label() const {
  pods_by_label_once_.call([this] {
    for (const model::Pod& p : in_.snapshot.pods) pods_by_label_.add(p.meta.ns, p.meta.labels, &p);
    for (const model::Pod& p : in_.extra_pods) pods_by_label_.add(p.meta.ns, p.meta.labels, &p);
  });
}

const model::Pod* TrafficContext::pod(std::string_view ns, std::string_view name) const {
  index_pods_by_name();
  // An observed pod first, as the selector's matches come.
  if (const model::Pod* p = snapshot_pods_->find(ns, name)) return p;
  return extra_pods_by_name_.find(ns, name);
}

std::vector<const model::Pod*> TrafficContext::selected_pods(const model::Service& service) const {
  if (!service.has_selector) return {};
  index_pods_by_label();
  return pods_by_label_.matching(service.meta.ns, service.selector, pod_labels);
}

bool TrafficContext::is_simulated(const model::Pod* pod) const { return pod->simulated || is_extra(pod); }

bool TrafficContext::is_extra(const model::Pod* pod) const {
  return !in_.extra_pods.empty() && pod >= in_.extra_pods.data() && pod < in_.extra_pods.data() + in_.extra_pods.size();
}

}  // namespace hybridctl::analysis::traffic
