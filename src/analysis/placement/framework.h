// The plugin framework, shaped like kube-scheduler's: filter and score
// plugins with the default profile's weights, composed by one loop
// (scheduler.h). Plugins work on a whole candidate list per call rather than
// one node per call, so each scheduling cycle costs one virtual call per
// plugin; static filters and scores (those that read only the node's labels,
// taints and name) are computed once per (template, node class).
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "analysis/placement/node_table.h"
#include "analysis/placement/pod_counters.h"
#include "analysis/placement/pod_templates.h"
#include "model/snapshot.h"

namespace hybridctl::analysis::placement {

class ServicesBySelectorPair;

// What every plugin reads: the nodes and their resources, the interned
// templates, and the incremental pod counters (upstream's Snapshot lister).
struct SchedulingState {
  SchedulingState(const model::Snapshot& s, NodeTable node_table)
      : snapshot(s), nodes(std::move(node_table)), templates(s) {}
  const model::Snapshot& snapshot;
  NodeTable nodes;
  TemplateTable templates;
  PodCounters counters;
  // Prebuilt by a caller that places one snapshot many times; else the
  // plugin that needs it builds its own.
  const ServicesBySelectorPair* services = nullptr;
  // During a cycle: how many interchangeable nodes each candidate stands for
  // (empty: one each). Only counts of nodes (not values) depend on it.
  const std::vector<int32_t>* multiplicity = nullptr;
  int64_t multiplicity_of(size_t candidate) const {
    return multiplicity && !multiplicity->empty() ? (*multiplicity)[candidate] : 1;
  }
};

// Static answers are cached per node class unless the template looks at the
// node's identity; this is the cache slot a node falls into.
inline int32_t static_slot(const SchedulingState& s, const PodTemplateInfo& t, NodeId n) {
  return t.statics_per_node ? n : s.nodes.class_of(n);
}
inline size_t static_slot_count(const SchedulingState& s, const PodTemplateInfo& t) {
  return t.statics_per_node ? s.nodes.size() : s.nodes.classes().size();
}

// Upstream's framework.MaxNodeScore.
inline constexpr int64_t kMaxNodeScore = 100;

enum class ScoreStatus : uint8_t {
  Skip,     // the plugin does not score this pod (PreScore Skip): contributes nothing
  Uniform,  // every candidate got the same score: cannot change the choice
  Scored,   // `normalized` holds one 0..100 score per candidate
  Error,    // upstream's PreScore/Score would fail the cycle: the pod is unschedulable
};

class Plugin {
 public:
  explicit Plugin(SchedulingState& state) : state_(state) {}
  virtual ~Plugin() = default;
  virtual std::string_view name() const = 0;

  // Called before the first pod is bound (registers counters): for every
  // template whose pods will be scheduled, and, when the plugin says it
  // needs them, for the templates of pods that are only bound.
  virtual void prepare(TemplateId) {}
  // Whether prepare must see templates no pod of which is scheduled: yes
  // where bound pods' own terms act on others (inter-pod affinity symmetry).
  virtual bool prepares_bound_only_templates() const { return true; }

  // Filter, static part: reads only the node object (labels, taints, name).
  virtual bool has_static_filter() const { return false; }
  virtual bool static_filter(const PodTemplateInfo&, const model::Node&) const { return true; }

  // Filter, dynamic part: removes candidates that fail, keeping the order.
  virtual bool has_dynamic_filter() const { return false; }
  virtual void filter(TemplateId, std::vector<NodeId>& candidates) {}

  // Score: weight in the default profile (0: not a score plugin), and the
  // normalised score of each candidate (PreScore + Score + NormalizeScore).
  virtual int64_t score_weight() const { return 0; }
  virtual ScoreStatus score(TemplateId, const std::vector<NodeId>& candidates, std::vector<int64_t>& normalized) {
    return ScoreStatus::Skip;
  }

  // After the scheduler chose `node` for a pod of the template.
  virtual void on_bind(TemplateId, NodeId) {}
  // After a pod of the template left `node` (the fix checks' shared cluster
  // takes a workload's pods off and puts them back).
  virtual void on_unbind(TemplateId, NodeId) {}

  // Nodes whose answer for this template may differ from the other members
  // of their NodeGroups group: those carrying per-node counts the plugin
  // reads (hostname-keyed terms). Appended to `out`; duplicates are fine.
  virtual void special_nodes(TemplateId, std::vector<NodeId>& out) {}

 protected:
  SchedulingState& state_;
};

}  // namespace hybridctl::analysis::placement
