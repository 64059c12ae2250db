#include "model/snapshot.h"

#include <iterator>
#include <unordered_set>

namespace hybridctl::model {

const char* pod_network_name(PodNetwork n) {
  switch (n) {
    case PodNetwork::Routable:
      return "routable";
    case PodNetwork::Unroutable:
      return "unroutable";
    case PodNetwork::Unknown:
      return "unknown";
  }
  return "unknown";
}

const char* workload_kind_name(WorkloadKind k) {
  switch (k) {
    case WorkloadKind::Deployment:
      return "Deployment";
    case WorkloadKind::StatefulSet:
      return "StatefulSet";
    case WorkloadKind::DaemonSet:
      return "DaemonSet";
    case WorkloadKind::ReplicaSet:
      return "ReplicaSet";
    case WorkloadKind::ReplicationController:
      return "ReplicationController";
    case WorkloadKind::Job:
      return "Job";
    case WorkloadKind::CronJob:
      return "CronJob";
  }
  return "?";
}

namespace {
template <typename T>
void move_all(std::vector<T>& to, std::vector<T>& from) {
  // Into an empty vector that has not reserved more room, the whole buffer
  // moves: a file's 150,000 pods are not moved again one by one.
  if (to.empty() && to.capacity() <= from.capacity()) {
    to = std::move(from);
  } else {
    to.insert(to.end(), std::make_move_iterator(from.begin()), std::make_move_iterator(from.end()));
  }
  from.clear();
}

}  // namespace

void Snapshot::absorb(Snapshot&& o) {
  move_all(nodes, o.nodes);
  move_all(pods, o.pods);
  move_all(workloads, o.workloads);
  move_all(services, o.services);
  move_all(endpoint_slices, o.endpoint_slices);
  move_all(endpoints, o.endpoints);
  move_all(webhook_configurations, o.webhook_configurations);
  move_all(api_services, o.api_services);
  move_all(crds, o.crds);
  move_all(namespaces, o.namespaces);
  move_all(config_maps, o.config_maps);
  move_all(ingresses, o.ingresses);
  move_all(target_group_bindings, o.target_group_bindings);
  move_all(cluster_role_bindings, o.cluster_role_bindings);
  move_all(otel_collectors, o.otel_collectors);
  move_all(pod_pools, o.pod_pools);
  move_all(bgp_advertisers, o.bgp_advertisers);
  move_all(cilium_nodes, o.cilium_nodes);
  move_all(unknown, o.unknown);
  if (o.cluster_info) cluster_info = std::move(o.cluster_info);
  field_positions.absorb(std::move(o.field_positions));
}

const std::vector<size_t>& Snapshot::node_class_representatives() const {
  static const std::vector<size_t> none;
  return node_classes_of_ == nodes.size() ? node_classes_ : none;
}

std::string Snapshot::key(std::string_view ns, std::string_view name) {
  std::string k(ns);
  k += '/';
  k += name;
  return k;
}

void Snapshot::build_indexes() {
  field_positions.finish();
  node_index_.clear();
  for (size_t i = 0; i < nodes.size(); ++i) node_index_.emplace(nodes[i].meta.name, i);
  node_classes_.clear();
  std::unordered_set<std::string> classes;
  for (size_t i = 0; i < nodes.size(); ++i) {
    if (classes.insert(node_class_key(nodes[i])).second) node_classes_.push_back(i);
  }
  node_classes_of_ = nodes.size();
  service_index_.clear();
  for (size_t i = 0; i < services.size(); ++i) {
    service_index_.emplace(key(services[i].meta.ns, services[i].meta.name), i);
  }
  workload_uid_index_.clear();
  workload_index_.clear();
  for (size_t i = 0; i < workloads.size(); ++i) {
    const Workload& w = workloads[i];
    if (!w.meta.uid.empty()) workload_uid_index_.emplace(w.meta.uid, i);
    workload_index_.emplace(std::string(workload_kind_name(w.workload_kind)) + '/' + key(w.meta.ns, w.meta.name), i);
  }
  namespace_index_.clear();
  for (size_t i = 0; i < namespaces.size(); ++i) namespace_index_.emplace(namespaces[i].meta.name, i);
  config_map_index_.clear();
  for (size_t i = 0; i < config_maps.size(); ++i) {
    config_map_index_.emplace(key(config_maps[i].meta.ns, config_maps[i].meta.name), i);
  }
  pods_by_ns_.clear();
  for (size_t i = 0; i < pods.size(); ++i) pods_by_ns_[pods[i].meta.ns].push_back(i);
  slices_by_service_.clear();
  for (size_t i = 0; i < endpoint_slices.size(); ++i) {
    const EndpointSlice& s = endpoint_slices[i];
    if (!s.service_name.empty()) slices_by_service_[key(s.meta.ns, s.service_name)].push_back(i);
  }
  endpoints_index_.clear();
  for (size_t i = 0; i < endpoints.size(); ++i) endpoints_index_[key(endpoints[i].meta.ns, endpoints[i].meta.name)] = i;
}

const Node* Snapshot::node(std::string_view name) const {
  auto it = node_index_.find(std::string(name));
  return it == node_index_.end() ? nullptr : &nodes[it->second];
}

const Service* Snapshot::service(std::string_view ns, std::string_view name) const {
  auto it = service_index_.find(key(ns, name));
  return it == service_index_.end() ? nullptr : &services[it->second];
}

const Workload* Snapshot::workload_by_uid(std::string_view uid) const {
  auto it = workload_uid_index_.find(std::string(uid));
  return it == workload_uid_index_.end() ? nullptr : &workloads[it->second];
}

const Workload* Snapshot::workload(WorkloadKind kind, std::string_view ns, std::string_view name) const {
  auto it = workload_index_.find(std::string(workload_kind_name(kind)) + '/' + key(ns, name));
  return it == workload_index_.end() ? nullptr : &workloads[it->second];
}

const StringMap* Snapshot::namespace_labels(std::string_view name) const {
  auto it = namespace_index_.find(std::string(name));
  return it == namespace_index_.end() ? nullptr : &namespaces[it->second].meta.labels;
}

const ConfigMap* Snapshot::config_map(std::string_view ns, std::string_view name) const {
  auto it = config_map_index_.find(key(ns, name));
  return it == config_map_index_.end() ? nullptr : &config_maps[it->second];
}

std::vector<const Pod*> Snapshot::pods_in(std::string_view ns) const {
  std::vector<const Pod*> out;
  auto it = pods_by_ns_.find(std::string(ns));
  if (it == pods_by_ns_.end()) return out;
  out.reserve(it->second.size());
  for (size_t i : it->second) out.push_back(&pods[i]);
  return out;
}

std::vector<const EndpointSlice*> Snapshot::slices_of(std::string_view ns, std::string_view service) const {
  std::vector<const EndpointSlice*> out;
  auto it = slices_by_service_.find(key(ns, service));
  if (it == slices_by_service_.end()) return out;
  for (size_t i : it->second) out.push_back(&endpoint_slices[i]);
  return out;
}

const CoreEndpoints* Snapshot::endpoints_of(std::string_view ns, std::string_view service) const {
  auto it = endpoints_index_.find(key(ns, service));
  return it == endpoints_index_.end() ? nullptr : &endpoints[it->second];
}

size_t Snapshot::object_count() const {
  return nodes.size() + pods.size() + workloads.size() + services.size() + endpoint_slices.size() + endpoints.size() +
         webhook_configurations.size() + api_services.size() + crds.size() + namespaces.size() + config_maps.size() +
         ingresses.size() + target_group_bindings.size() + cluster_role_bindings.size() + otel_collectors.size() +
         pod_pools.size() + bgp_advertisers.size() + cilium_nodes.size() + unknown.size();
}

}  // namespace hybridctl::model
