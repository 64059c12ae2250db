#include "analysis/placement/node_table.h"

#include <algorithm>

namespace hybridctl::analysis::placement {
namespace {

// schedutil's defaults for a container that requests nothing (LeastAllocated
// would otherwise pile best-effort pods onto one node).
constexpr int64_t kDefaultMilliCpuRequest = 100;
constexpr int64_t kDefaultMemoryRequest = 200LL * 1024 * 1024;

}  // namespace

PodRequests pod_requests(const model::PodSpec& spec) {
  // The effective request is the larger of the containers' sum and the
  // largest init container (init containers run one at a time, before).
  PodRequests r;
  for (const model::Container& c : spec.containers) {
    r.cpu_milli += c.cpu_request_milli;
    r.memory_bytes += c.memory_request_bytes;
    r.nonzero_cpu_milli += c.cpu_request_milli ? c.cpu_request_milli : kDefaultMilliCpuRequest;
    r.nonzero_memory_bytes += c.memory_request_bytes ? c.memory_request_bytes : kDefaultMemoryRequest;
  }
  for (const model::Container& c : spec.init_containers) {
    r.cpu_milli = std::max(r.cpu_milli, c.cpu_request_milli);
    r.memory_bytes = std::max(r.memory_bytes, c.memory_request_bytes);
    r.nonzero_cpu_milli = std::max(r.nonzero_cpu_milli, c.cpu_request_milli);
    r.nonzero_memory_bytes = std::max(r.nonzero_memory_bytes, c.memory_request_bytes);
  }
  if (spec.containers.empty()) {
    r.nonzero_cpu_milli = std::max(r.nonzero_cpu_milli, kDefaultMilliCpuRequest);
    r.nonzero_memory_bytes = std::max(r.nonzero_memory_bytes, kDefaultMemoryRequest);
  }
  return r;
}

NodeTable::NodeTable(std::vector<const model::Node*> nodes) : nodes_(std::move(nodes)) {
  std::sort(nodes_.begin(), nodes_.end(), [](auto* a, auto* b) { return a->meta.name < b->meta.name; });
  std::unordered_map<std::string, ClassId> class_ids;
  class_of_.resize(nodes_.size());
  resources_.resize(nodes_.size());
  for (NodeId i = 0; i < static_cast<NodeId>(nodes_.size()); ++i) {
    const model::Node& n = *nodes_[i];
    by_name_.emplace(n.meta.name, i);
    auto [it, added] = class_ids.emplace(model::node_class_key(n), static_cast<ClassId>(classes_.size()));
    if (added) classes_.push_back({&n, {}});
    classes_[it->second].members.push_back(i);
    class_of_[i] = it->second;
    NodeResources& r = resources_[i];
    r.allocatable_cpu_milli = n.allocatable_cpu_milli;
    r.allocatable_memory_bytes = n.allocatable_memory_bytes;
    r.allocatable_pods = n.allocatable_pods;
    r.capacity_unknown = n.allocatable_cpu_milli == 0 && n.allocatable_memory_bytes == 0 && n.allocatable_pods == 0;
  }
}

NodeId NodeTable::find(std::string_view name) const {
  auto it = by_name_.find(std::string(name));
  return it == by_name_.end() ? -1 : it->second;
}

KeyId NodeTable::key(std::string_view label_key) {
  auto it = key_ids_.find(std::string(label_key));
  if (it != key_ids_.end()) return it->second;
  Column c;
  c.label_key = std::string(label_key);
  c.domain_of_node.assign(nodes_.size(), kNoDomain);
  std::unordered_map<std::string, DomainId> ids;
  for (size_t i = 0; i < nodes_.size(); ++i) {
    const std::string* v = nodes_[i]->meta.labels.find(label_key);
    if (!v) continue;
    auto [d, added] = ids.emplace(*v, static_cast<DomainId>(c.names.size()));
    if (added) c.names.push_back(*v);
    c.domain_of_node[i] = d->second;
  }
  KeyId id = static_cast<KeyId>(columns_.size());
  columns_.push_back(std::move(c));
  key_ids_.emplace(std::string(label_key), id);
  return id;
}

void NodeTable::add_pod(NodeId n, const PodRequests& q) {
  NodeResources& r = resources_[n];
  r.requested_cpu_milli += q.cpu_milli;
  r.requested_memory_bytes += q.memory_bytes;
  r.nonzero_requested_cpu_milli += q.nonzero_cpu_milli;
  r.nonzero_requested_memory_bytes += q.nonzero_memory_bytes;
  r.pod_count += 1;
}

void NodeTable::remove_pod(NodeId n, const PodRequests& q) {
  NodeResources& r = resources_[n];
  r.requested_cpu_milli -= q.cpu_milli;
  r.requested_memory_bytes -= q.memory_bytes;
  r.nonzero_requested_cpu_milli -= q.nonzero_cpu_milli;
  r.nonzero_requested_memory_bytes -= q.nonzero_memory_bytes;
  r.pod_count -= 1;
}

}  // namespace hybridctl::analysis::placement
