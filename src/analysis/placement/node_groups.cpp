#include "analysis/placement/node_groups.h"

#include <algorithm>
#include <cassert>

namespace hybridctl::analysis::placement {

size_t NodeGroups::KeyHash::operator()(const Key& k) const {
  size_t h = 1469598103934665603ull;
  auto mix = [&](uint64_t v) { h = (h ^ v) * 1099511628211ull; };
  std::apply([&](auto... v) { (mix(static_cast<uint64_t>(v)), ...); }, k);
  return h;
}

NodeGroups::NodeGroups(const NodeTable& nodes) : nodes_(nodes) {
  group_of_.assign(nodes.size(), -1);
  position_in_group_.assign(nodes.size(), -1);
  for (NodeId n = 0; n < static_cast<NodeId>(nodes.size()); ++n) add(group_for(key_of(n)), n);
}

NodeGroups::NodeGroups(const NodeTable& nodes, const NodeGroups& fresh)
    : nodes_(nodes),
      groups_(fresh.groups_),
      ids_(fresh.ids_),
      group_of_(fresh.group_of_),
      position_in_group_(fresh.position_in_group_),
      nonempty_(fresh.nonempty_),
      dirty_(fresh.dirty_) {
  assert(nodes.size() == fresh.nodes_.size());
}

NodeGroups::Key NodeGroups::key_of(NodeId n) const {
  const NodeResources& r = nodes_.resources(n);
  bool full = !r.capacity_unknown && r.pod_count + 1 > r.allocatable_pods;
  return {nodes_.class_of(n),
          r.allocatable_cpu_milli,
          r.allocatable_memory_bytes,
          r.requested_cpu_milli,
          r.requested_memory_bytes,
          r.nonzero_requested_cpu_milli,
          r.nonzero_requested_memory_bytes,
          r.capacity_unknown ? 0 : r.allocatable_pods,
          full,
          r.capacity_unknown};
}

GroupId NodeGroups::group_for(const Key& key) {
  auto [it, added] = ids_.emplace(key, static_cast<GroupId>(groups_.size()));
  if (added) groups_.push_back({std::get<0>(key), {}, -1});
  return it->second;
}

void NodeGroups::add(GroupId g, NodeId n) {
  Group& group = groups_[g];
  if (!group.dirty) {
    group.dirty = true;
    dirty_.push_back(g);
  }
  group_of_[n] = g;
  position_in_group_[n] = static_cast<int32_t>(group.members.size());
  group.members.push_back(n);
  if (group.nonempty_position < 0) {
    group.nonempty_position = static_cast<int32_t>(nonempty_.size());
    nonempty_.push_back(g);
  }
}

void NodeGroups::remove(GroupId g, NodeId n) {
  Group& group = groups_[g];
  if (!group.dirty) {
    group.dirty = true;
    dirty_.push_back(g);
  }
  int32_t pos = position_in_group_[n];
  NodeId last = group.members.back();
  group.members[pos] = last;
  position_in_group_[last] = pos;
  group.members.pop_back();
  if (group.members.empty()) {
    GroupId moved = nonempty_.back();
    nonempty_[group.nonempty_position] = moved;
    groups_[moved].nonempty_position = group.nonempty_position;
    nonempty_.pop_back();
    group.nonempty_position = -1;
  }
}

void NodeGroups::regroup(NodeId n) {
  GroupId to = group_for(key_of(n));
  if (to == group_of_[n]) return;
  remove(group_of_[n], n);
  add(to, n);
}

void NodeGroups::canonicalize() {
  if (dirty_.empty()) return;
  for (GroupId g : dirty_) {
    Group& group = groups_[g];
    group.dirty = false;
    std::sort(group.members.begin(), group.members.end());
    for (size_t i = 0; i < group.members.size(); ++i) position_in_group_[group.members[i]] = static_cast<int32_t>(i);
  }
  dirty_.clear();
  // A changed group may have a new first member: the groups' order is redone.
  std::sort(nonempty_.begin(), nonempty_.end(),
            [&](GroupId a, GroupId b) { return groups_[a].members.front() < groups_[b].members.front(); });
  for (size_t i = 0; i < nonempty_.size(); ++i) groups_[nonempty_[i]].nonempty_position = static_cast<int32_t>(i);
}

}  // namespace hybridctl::analysis::placement
