// The nodes a placement runs on, laid out for the scheduling loop: node
// equivalence classes (nodes that differ only in name/hostname evaluate every
// static filter and score alike), topology domains per label key, and the
// resources pods have claimed so far.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
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

  // A table over the same nodes with no pod placed and no topology key
  // interned, as the constructor leaves it. The node order, classes, names
  // and each key's domains are shared, not rebuilt: a simulation places the
  // same nodes in every run. Key ids are still this table's own, numbered
  // in the order it interns them.
  NodeTable fresh_copy() const;

  size_t size() const { return layout_->nodes.size(); }
  const model::Node& node(NodeId n) const { return *layout_->nodes[n]; }
  ClassId class_of(NodeId n) const { return layout_->class_of[n]; }
  const std::vector<NodeClass>& classes() const { return layout_->classes; }
  // The node's id, or -1 when it is not part of the table.
  NodeId find(std::string_view name) const;
  // The id of the i-th node given to the constructor (a table built from a
  // snapshot's nodes in order maps its indexes without a lookup by name).
  NodeId id_of_input(size_t i) const { return layout_->id_of_input[i]; }

  // Interns a topology key; its domain column is built on first use.
  KeyId key(std::string_view label_key);
  DomainId domain(KeyId k, NodeId n) const { return columns_[k]->domain_of_node[n]; }
  // The domain of every node for key k, indexed by NodeId (for tight loops).
  const DomainId* domains_of(KeyId k) const { return columns_[k]->domain_of_node.data(); }
  size_t domain_count(KeyId k) const { return columns_[k]->names.size(); }
  const std::string& domain_name(KeyId k, DomainId d) const { return columns_[k]->names[d]; }
  const std::string& key_name(KeyId k) const { return columns_[k]->label_key; }
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
  // What depends only on the nodes: sorted by name, their classes, their
  // allocatable resources with nothing placed, and each topology key's
  // domains once some table asked for them (tables sharing the layout may
  // run on different threads, hence the lock; a column never changes once
  // built).
  struct Layout {
    std::vector<const model::Node*> nodes;
    std::vector<ClassId> class_of;
    std::vector<NodeClass> classes;
    std::unordered_map<std::string, NodeId> by_name;
    std::vector<NodeId> id_of_input;
    std::vector<NodeResources> empty_resources;
    mutable std::mutex columns_lock;
    mutable std::unordered_map<std::string, std::shared_ptr<const Column>> columns_by_key;
  };
  explicit NodeTable(std::shared_ptr<const Layout> layout);
  // The key's column from the layout, built there on first use.
  std::shared_ptr<const Column> column(std::string_view label_key) const;

  std::shared_ptr<const Layout> layout_;
  // This table's keys, numbered in the order it interned them.
  std::vector<std::shared_ptr<const Column>> columns_;
  std::unordered_map<std::string, KeyId> key_ids_;
  std::vector<NodeResources> resources_;
};

}  // namespace hybridctl::analysis::placement
