// One scheduling loop composing the plugins as kube-scheduler's framework
// does: static filters (cached per template and node class), dynamic
// filters, then every score plugin's normalised score times its weight,
// summed; the highest total wins and ties are broken uniformly at random with
// the caller's seeded generator (upstream: reservoir sampling in selectHost).
//
// A cycle evaluates one representative per group of interchangeable nodes
// (NodeGroups) plus the nodes the pod's per-node counts single out; the
// choice among a group's members is uniform, so the distribution of the
// chosen node is the one a node-by-node loop gives.
//
// Intended difference: upstream scores only percentageOfNodesToScore of a
// large cluster's feasible nodes (adaptive, down to 5 % of 5,000 nodes) to save
// time; we score every feasible node, so our choice is the one upstream would
// make if it looked at all of them.
#pragma once

#include <memory>
#include <optional>
#include <random>
#include <vector>

#include "analysis/placement/framework.h"
#include "analysis/placement/node_groups.h"

namespace hybridctl::analysis::placement {

// Narrows the nodes a pod may go to beyond what its spec says: a DaemonSet
// pod to its node, or one environment when asking "could all replicas land
// on one side".
struct NodeRestriction {
  NodeId only_node = -1;
  std::optional<model::Environment> only_environment;
};

class Scheduler {
 public:
  explicit Scheduler(SchedulingState& state);
  // The same, starting from `fresh_groups`: the groups of a fresh copy of
  // state.nodes (see NodeGroups), which state.nodes must be.
  Scheduler(SchedulingState& state, const NodeGroups& fresh_groups);
  ~Scheduler();

  // Every template must be prepared before the first bind; `scheduled`:
  // some pod of it will be scheduled (not only bound as it runs).
  void prepare(TemplateId t, bool scheduled = true);
  // The nodes passing every filter right now, in node order.
  void feasible(TemplateId t, const NodeRestriction& restriction, std::vector<NodeId>& out);
  // The node chosen for one pod of `t`, or -1 when none passes the filters.
  NodeId schedule(TemplateId t, const NodeRestriction& restriction, std::mt19937_64& rng);
  // Records a pod of `t` on `node` (an existing pod, or a scheduled one);
  // `terminating`: an existing pod with a deletionTimestamp.
  void bind(TemplateId t, NodeId node, bool terminating = false);
  // Undoes one bind(t, node, terminating): the state is then the one a
  // placement that never bound that pod reaches (with canonical_groups()).
  void unbind(TemplateId t, NodeId node, bool terminating = false);
  // Puts the interchangeable-node groups in their canonical order
  // (NodeGroups::canonicalize), so the next draws depend on the state only.
  void canonical_groups() { groups_.canonicalize(); }
  // The node-only filters (name, cordon, node affinity, taints), cached.
  bool passes_static_filters(TemplateId t, NodeId n);

 private:
  // What both constructors do once the groups are there: files each plugin
  // under the phases it takes part in and sizes the per-node arrays.
  void set_up();
  bool allowed(TemplateId t, NodeId n, const NodeRestriction& r);
  void grouped_candidates(TemplateId t, const NodeRestriction& r);
  NodeId choose(std::mt19937_64& rng);

  SchedulingState& state_;
  std::vector<std::unique_ptr<Plugin>> plugins_;
  std::vector<Plugin*> static_filters_, dynamic_filters_, scorers_;
  std::vector<std::vector<int8_t>> static_pass_;  // per template, per static slot; -1: unknown
  NodeGroups groups_;
  // Static candidates of the last template asked about (replicas come in a row).
  TemplateId cached_template_ = -1;
  std::vector<NodeId> cached_static_nodes_;
  // One cycle's candidates, how many nodes each stands for, and scores.
  std::vector<NodeId> candidates_;
  std::vector<int32_t> multiplicity_;
  std::vector<int32_t> multiplicity_of_node_;  // dense, reset after each cycle
  std::vector<NodeId> specials_;
  std::vector<uint8_t> is_special_;
  std::vector<int32_t> specials_in_group_;
  std::vector<int64_t> totals_, scores_;
};

}  // namespace hybridctl::analysis::placement
