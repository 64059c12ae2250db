// The decoded cluster: owns every object and the indexes rules look them up
// by. Built once by decode/, then read-only.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "model/cluster_objects.h"
#include "model/field_positions.h"
#include "model/node.h"
#include "model/service.h"
#include "model/webhooks.h"
#include "model/workloads.h"

namespace hybridctl::model {

enum class PodNetwork : uint8_t { Routable, Unroutable, Unknown };
const char* pod_network_name(PodNetwork n);

// Facts that come from flags rather than objects (CLI.md "Cluster facts").
struct ClusterFacts {
  std::optional<PodNetwork> pod_network;  // --pod-network routable|unroutable (auto: unset)
  std::vector<std::string> remote_pod_networks;
  std::vector<std::string> remote_node_networks;
  std::string kubernetes_version;
};

struct Snapshot {
  std::vector<std::string> files;  // Origin::file indexes this
  // files[0, cluster_profile_files) were read from --cluster-profile: they
  // record what a cluster holds (as `--live --save` wrote them), they are
  // not manifests, and `fix --write` leaves them alone.
  uint32_t cluster_profile_files = 0;

  std::vector<Node> nodes;
  std::vector<Pod> pods;
  std::vector<Workload> workloads;
  std::vector<Service> services;
  std::vector<EndpointSlice> endpoint_slices;
  std::vector<CoreEndpoints> endpoints;  // core/v1 Endpoints
  std::vector<WebhookConfiguration> webhook_configurations;
  std::vector<APIService> api_services;
  std::vector<CustomResourceDefinition> crds;
  std::vector<Namespace> namespaces;
  std::vector<ConfigMap> config_maps;
  std::vector<Ingress> ingresses;
  std::vector<TargetGroupBinding> target_group_bindings;
  std::vector<ClusterRoleBinding> cluster_role_bindings;
  std::vector<OpenTelemetryCollector> otel_collectors;
  std::vector<PodPool> pod_pools;
  std::vector<BgpAdvertiser> bgp_advertisers;
  std::vector<CiliumNode> cilium_nodes;
  std::vector<UnknownObject> unknown;
  std::optional<ClusterInfo> cluster_info;
  ClusterFacts facts;
  // Where the fields a fix can target were read (field_positions.h).
  FieldPositions field_positions;

  // Moves every object of `other` in (its files already registered here).
  void absorb(Snapshot&& other);
  // Builds the lookup indexes (and sorts field_positions); call after the last absorb.
  void build_indexes();

  const Node* node(std::string_view name) const;
  const Service* service(std::string_view ns, std::string_view name) const;
  const Workload* workload_by_uid(std::string_view uid) const;
  const Workload* workload(WorkloadKind kind, std::string_view ns, std::string_view name) const;
  const StringMap* namespace_labels(std::string_view name) const;
  const ConfigMap* config_map(std::string_view ns, std::string_view name) const;
  // Pods whose labels the selector matches, in `ns`.
  std::vector<const Pod*> pods_in(std::string_view ns) const;
  std::vector<const EndpointSlice*> slices_of(std::string_view ns, std::string_view service) const;
  // The core/v1 Endpoints object of a Service (it bears the Service's name).
  const CoreEndpoints* endpoints_of(std::string_view ns, std::string_view service) const;

  size_t object_count() const;
  bool has_nodes() const { return !nodes.empty(); }
  // One node (an index into `nodes`) of each class of nodes that differ only
  // in their name and hostname label's value (model::node_class_key):
  // all a static filter needs to see for a pod that names no node. Empty when
  // `nodes` changed size since build_indexes (callers then scan every node).
  const std::vector<size_t>& node_class_representatives() const;

 private:
  static std::string key(std::string_view ns, std::string_view name);
  std::unordered_map<std::string, size_t> node_index_;
  std::unordered_map<std::string, size_t> service_index_;
  std::unordered_map<std::string, size_t> workload_uid_index_;
  std::unordered_map<std::string, size_t> workload_index_;  // kind/ns/name
  std::unordered_map<std::string, size_t> namespace_index_;
  std::unordered_map<std::string, size_t> config_map_index_;
  std::unordered_map<std::string, std::vector<size_t>> pods_by_ns_;
  std::unordered_map<std::string, std::vector<size_t>> slices_by_service_;
  std::unordered_map<std::string, size_t> endpoints_index_;
  std::vector<size_t> node_classes_;  // indexes: a copied snapshot keeps valid ones
  size_t node_classes_of_ = 0;        // nodes.size() when they were computed
};

const char* workload_kind_name(WorkloadKind k);

}  // namespace hybridctl::model
