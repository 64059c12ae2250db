// Per-snapshot indexes the traffic model reads for every Service, built once:
// nodes by name and by (zone, data plane), each node's data plane, the
// controller's CPU census, the feature gates of the cluster's version, and
// pods by name (the snapshot's from Analyses, with the simulated ones) and by
// label.
#pragma once

#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "analysis/label_pair_index.h"
#include "analysis/pods_by_name.h"
#include "analysis/ready_endpoints.h"
#include "analysis/routability.h"
#include "analysis/traffic/data_plane.h"
#include "analysis/traffic/traffic_model.h"
#include "core/once.h"
#include "k8s/topology_aware_hints.h"

namespace hybridctl::analysis::traffic {

// The client nodes of one zone that share a data plane: one route serves them all unless a
// node's own endpoints or node hints set it apart.
struct ClientGroup {
  std::string zone;  // "" for nodes without a zone label
  DataPlane plane = DataPlane::KubeProxy;
  std::vector<uint32_t> nodes;  // indexes into snapshot.nodes
  uint32_t cloud = 0, hybrid = 0;
};

class TrafficContext {
 public:
  explicit TrafficContext(const TrafficInputs& in);

  const model::Snapshot& snapshot() const { return in_.snapshot; }
  std::span<const model::Pod> extra_pods() const { return in_.extra_pods; }
  const k8s::HintsFeatureGates& gates() const { return gates_; }
  const k8s::ZoneCpuCensus& census() const { return census_; }

  // Sorted by zone, kube-proxy first within a zone.
  const std::vector<ClientGroup>& client_groups() const { return groups_; }
  uint32_t cloud_nodes() const { return cloud_nodes_; }
  uint32_t hybrid_nodes() const { return hybrid_nodes_; }

  const model::Node* node(std::string_view name) const;
  std::optional<uint32_t> node_index(std::string_view name) const;
  DataPlane data_plane(uint32_t node_index) const { return planes_[node_index]; }
  // The index into client_groups() of a snapshot node's group.
  uint32_t group_of(uint32_t node_index) const { return group_of_node_[node_index]; }
  // The data plane of any node, also one not in the snapshot (then computed on the spot).
  DataPlane data_plane_of(const model::Node& node) const;
  // The environment most nodes of `zone` are in; nullopt for a zone no node has.
  std::optional<model::Environment> zone_environment(std::string_view zone) const;

  // A pod by namespace and name, observed or simulated.
  const model::Pod* pod(std::string_view ns, std::string_view name) const;
  // Pods the Service's selector matches in its namespace: observed first, then simulated.
  std::vector<const model::Pod*> selected_pods(const model::Service& service) const;
  // Placed by a simulation: this audit's (the extra pods) or one the snapshot
  // already holds (simulate's result, model::Pod::simulated).
  bool is_simulated(const model::Pod* pod) const;
  // One of this audit's simulated pods, not the snapshot's own.
  bool is_extra(const model::Pod* pod) const;
  // The snapshot itself holds pods a simulation placed (simulate's result).
  bool snapshot_has_placed_pods() const { return snapshot_has_placed_pods_; }
  bool has_pods() const { return !in_.snapshot.pods.empty() || !in_.extra_pods.empty(); }
  // Where an endpoint runs (analysis/ready_endpoints.h), shared with the rules.
  const EndpointLocator& locator() const { return *locator_; }

 private:
  void index_pods_by_name() const;
  void index_pods_by_label() const;

  TrafficInputs in_;
  std::unique_ptr<Routability> own_routability_;  // only without in.locator
  std::unique_ptr<EndpointLocator> own_locator_;
  const EndpointLocator* locator_ = nullptr;
  k8s::HintsFeatureGates gates_;
  k8s::ZoneCpuCensus census_;
  std::vector<DataPlane> planes_;
  std::vector<ClientGroup> groups_;
  std::vector<uint32_t> group_of_node_;
  uint32_t cloud_nodes_ = 0, hybrid_nodes_ = 0;
  bool snapshot_has_placed_pods_ = false;
  std::unordered_map<std::string_view, uint32_t> nodes_by_name_;
  std::unordered_map<std::string_view, std::pair<uint32_t, uint32_t>> zone_env_counts_;
  // Built on first use (a snapshot whose Services all have EndpointSlices
  // never needs them), once even when rules on several threads ask; the
  // label index apart, so that a lookup by name does not wait for it.
  mutable Once pods_by_name_once_, pods_by_label_once_;
  mutable const PodsByName* snapshot_pods_ = nullptr;  // in.snapshot_pods, or own_snapshot_pods_
  mutable PodsByName own_snapshot_pods_;
  mutable PodsByName extra_pods_by_name_;
  mutable LabelPairIndex<model::Pod> pods_by_label_;
};

}  // namespace hybridctl::analysis::traffic
