// Nodes that are interchangeable right now: same node class (labels but the
// hostname value, taints, cordon) and the same resource state (allocatable,
// requested, a free pod slot or not). Every plugin answers alike for the
// members of a group, except on the few nodes a pod's per-node counts single
// out (Plugin::special_nodes), so a scheduling cycle evaluates one
// representative per group plus those nodes, and picks a member at random.
// Groups are regrouped on every bind (O(1)).
//
// The order of a group's members and of the groups themselves decides which
// node a seeded draw picks, and it follows the history of binds (a removal
// moves the last member into the gap). canonicalize() puts both in an order
// that depends only on the current state (members by node id, groups by
// their first member), so two placements that reach the same state by
// different histories — a fresh one, and the shared cluster of the fix checks
// after removing and restoring pods — draw the same nodes from one seed.
#pragma once

#include <cstdint>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "analysis/placement/node_table.h"

namespace hybridctl::analysis::placement {

using GroupId = int32_t;

class NodeGroups {
 public:
  explicit NodeGroups(const NodeTable& nodes);
  // The groups `fresh` holds, for `nodes`: a fresh copy of the table
  // `fresh` grouped (NodeTable::fresh_copy), nothing placed on either.
  // simulate() groups its nodes once and gives each run this copy, which
  // costs a fraction of grouping every node again.
  NodeGroups(const NodeTable& nodes, const NodeGroups& fresh);

  // Moves `n` to the group of its current state (after its resources changed).
  void regroup(NodeId n);
  // Reorders members and groups as described above; costs the groups changed
  // since the last call.
  void canonicalize();
  // Groups with at least one member.
  const std::vector<GroupId>& nonempty() const { return nonempty_; }
  const std::vector<NodeId>& members(GroupId g) const { return groups_[g].members; }
  ClassId class_of(GroupId g) const { return groups_[g].class_id; }
  GroupId group_of(NodeId n) const { return group_of_[n]; }

 private:
  using Key = std::tuple<ClassId, int64_t, int64_t, int64_t, int64_t, int64_t, int64_t, int64_t, bool, bool>;
  struct KeyHash {
    size_t operator()(const Key& k) const;
  };
  struct Group {
    ClassId class_id;
    std::vector<NodeId> members;
    int32_t nonempty_position = -1;
    bool dirty = false;  // members changed since the last canonicalize()
  };
  Key key_of(NodeId n) const;
  GroupId group_for(const Key& key);
  void add(GroupId g, NodeId n);
  void remove(GroupId g, NodeId n);

  const NodeTable& nodes_;
  std::vector<Group> groups_;
  std::unordered_map<Key, GroupId, KeyHash> ids_;
  std::vector<GroupId> group_of_;
  std::vector<int32_t> position_in_group_;
  std::vector<GroupId> nonempty_;
  std::vector<GroupId> dirty_;
};

}  // namespace hybridctl::analysis::placement
