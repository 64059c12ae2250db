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

NodeTable::NodeTable(std::vector<const model::Node*> nodes) {
  auto layout = std::make_shared<Layout>();
  std::vector<size_t> by_name_order(nodes.size());
  for (size_t i = 0; i < nodes.size(); ++i) by_name_order[i] = i;
  std::sort(by_name_order.begin(), by_name_order.end(),
            [&](size_t a, size_t b) { return nodes[a]->meta.name < nodes[b]->meta.name; });
  std::vector<const model::Node*>& sorted = layout->nodes;
  sorted.reserve(nodes.size());
  layout->id_of_input.resize(nodes.size());
  for (size_t i = 0; i < by_name_order.size(); ++i) {
    sorted.push_back(nodes[by_name_order[i]]);
    layout->id_of_input[by_name_order[i]] = static_cast<NodeId>(i);
  }
  std::unordered_map<std::string, ClassId> class_ids;
  layout->class_of.resize(sorted.size());
  layout->empty_resources.resize(sorted.size());
  for (NodeId i = 0; i < static_cast<NodeId>(sorted.size()); ++i) {
    const model::Node& n = *sorted[i];
    layout->by_name.emplace(n.meta.name, i);
    auto [it, added] = class_ids.emplace(model::node_class_key(n), static_cast<ClassId>(layout->classes.size()));
    if (added) layout->classes.push_back({&n, {}});
    layout->classes[it->second].members.push_back(i);
    layout->class_of[i] = it->second;
    NodeResources& r = layout->empty_resources[i];
    r.allocatable_cpu_milli = n.allocatable_cpu_milli;
    r.allocatable_memory_bytes = n.allocatable_memory_bytes;
    r.allocatable_pods = n.allocatable_pods;
    r.capacity_unknown = n.allocatable_cpu_milli == 0 && n.allocatable_memory_bytes == 0 && n.allocatable_pods == 0;
  }
  resources_ = layout->empty_resources;
  layout_ = std::move(layout);
}

NodeTable::NodeTable(std::shared_ptr<const Layout> layout)
    : layout_(std::move(layout)), resources_(layout_->empty_resources) {}

NodeTable NodeTable::fresh_copy() const { return NodeTable(layout_); }

NodeId NodeTable::find(std::string_view name) const {
  auto it = layout_->by_name.find(std::string(name));
  return it == layout_->by_name.end() ? -1 : it->second;
}

KeyId NodeTable::key(std::string_view label_key) {
  auto it = key_ids_.find(std::string(label_key));
  if (it != key_ids_.end()) return it->second;
  KeyId id = static_cast<KeyId>(columns_.size());
  columns_.push_back(column(label_key));
  key_ids_.emplace(std::string(label_key), id);
  return id;
}

std::shared_ptr<const NodeTable::Column> NodeTable::column(std::string_view label_key) const {
  std::lock_guard<std::mutex> lock(layout_->columns_lock);
  auto cached = layout_->columns_by_key.find(std::string(label_key));
  if (cached != layout_->columns_by_key.end()) return cached->second;
  auto c = std::make_shared<Column>();
  c->label_key = std::string(label_key);
  const std::vector<const model::Node*>& nodes = layout_->nodes;
  c->domain_of_node.assign(nodes.size(), kNoDomain);
  std::unordered_map<std::string, DomainId> ids;
  for (size_t i = 0; i < nodes.size(); ++i) {
    const std::string* v = nodes[i]->meta.labels.find(label_key);
    if (!v) continue;
    auto [d, added] = ids.emplace(*v, static_cast<DomainId>(c->names.size()));
    if (added) c->names.push_back(*v);
    c->domain_of_node[i] = d->second;
  }
  layout_->columns_by_key.emplace(c->label_key, c);
  return c;
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
