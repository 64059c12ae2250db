// The nodes a placement runs on, laid out for the scheduling loop: node
// equivalence classes (nodes that differ only in name/hostname evaluate every
// static filter and score alike), topology domains per label key, and the
// resources pods have claimed so far.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "model/node.h"
#include "model/workloads.h"

namespace hybridctl::analysis::placement {

using NodeId = int32_t;
using ClassId = int32_t;
using KeyId = int32_t;
using DomainId = int32_t;  // kNoDomain: the node lacks the label
inline constexpr DomainId kNoDomain = -1;

// Requests of one pod as the NodeResources plugins read them: `cpu`/`memory`
// are the declared requests (Fit filter, BalancedAllocation), `nonzero_*`
// substitute upstream's defaults (100m, 200Mi) for an unset request
// (LeastAllocated), as schedutil.GetNonzeroRequests does.
struct PodRequests {
  int64_t cpu_milli = 0;
  int64_t memory_bytes = 0;
  int64_t nonzero_cpu_milli = 0;
  int64_t nonzero_memory_bytes = 0;
};

PodRequests pod_requests(const model::PodSpec& spec);

// What one node has left: allocatable minus the requests of its pods.
struct NodeResources {
  int64_t allocatable_cpu_milli = 0;
  int64_t allocatable_memory_bytes = 0;
  int64_t allocatable_pods = 0;
  // A Node object without status.allocatable (a hand-written manifest) would
  // fit nothing upstream; we treat its capacity as unknown and never filter
  // on it, while still scoring what we know.
  bool capacity_unknown = false;
  int64_t requested_cpu_milli = 0;
  int64_t requested_memory_bytes = 0;
  int64_t nonzero_requested_cpu_milli = 0;
  int64_t nonzero_requested_memory_bytes = 0;
  int64_t pod_count = 0;
};

struct NodeClass {
  const model::Node* representative = nullptr;
  std::vector<NodeId> members;  // ascending
};

class NodeTable {
 public:
  explicit NodeTable(std::vector<const model::Node*> nodes);

  size_t size() const { return nodes_.size(); }
  const model::Node& node(NodeId n) const { return *nodes_[n]; }
  ClassId class_of(NodeId n) const { return class_of_[n]; }
  const std::vector<NodeClass>& classes() const { return classes_; }
  // The node's id, or -1 when it is not part of the table.
  NodeId find(std::string_view name) const;

  // Interns a topology key; its domain column is built on first use.
  KeyId key(std::string_view label_key);
  DomainId domain(KeyId k, NodeId n) const { return columns_[k].domain_of_node[n]; }
  // The domain of every node for key k, indexed by NodeId (for tight loops).
  const DomainId* domains_of(KeyId k) const { return columns_[k].domain_of_node.data(); }
  size_t domain_count(KeyId k) const { return columns_[k].names.size(); }
  const std::string& domain_name(KeyId k, DomainId d) const { return columns_[k].names[d]; }
  const std::string& key_name(KeyId k) const { return columns_[k].label_key; }
  size_t key_count() const { return columns_.size(); }

  const NodeResources& resources(NodeId n) const { return resources_[n]; }
  void add_pod(NodeId n, const PodRequests& requests);
  void remove_pod(NodeId n, const PodRequests& requests);

 private:
  struct Column {
    std::string label_key;
    std::vector<DomainId> domain_of_node;
    std::vector<std::string> names;
  };
  std::vector<const model::Node*> nodes_;
  std::vector<ClassId> class_of_;
  std::vector<NodeClass> classes_;
  std::unordered_map<std::string, NodeId> by_name_;
  std::vector<Column> columns_;
  std::unordered_map<std::string, KeyId> key_ids_;
  std::vector<NodeResources> resources_;
};

}  // namespace hybridctl::analysis::placement
