#include "analysis/feasibility.h"

#include <algorithm>

#include "k8s/node_affinity.h"
#include "k8s/taints.h"

namespace hybridctl::analysis {
namespace {

const std::optional<model::NodeAffinity>& node_affinity_of(const model::PodSpec& spec) {
  static const std::optional<model::NodeAffinity> none;
  return spec.affinity ? spec.affinity->node_affinity : none;
}

// The NodeUnschedulable plugin: a cordoned node takes only pods tolerating its taint.
bool tolerates_unschedulable(const model::PodSpec& spec) {
  model::Taint cordon{"node.kubernetes.io/unschedulable", "", "NoSchedule"};
  for (const auto& t : spec.tolerations) {
    if (k8s::toleration_tolerates_taint(t, cordon)) return true;
  }
  return false;
}

// Whether the pod's node constraints can tell apart nodes of one class
// (Snapshot::node_class_representatives): they name a node or its hostname.
bool names_a_node(const model::PodSpec& spec) {
  if (!spec.node_name.empty() || spec.node_selector.contains(model::kHostnameLabel)) return true;
  const auto& affinity = node_affinity_of(spec);
  if (!affinity) return false;
  for (const auto& term : affinity->required.terms) {
    if (!term.match_fields.empty()) return true;
    for (const auto& r : term.match_expressions) {
      if (r.key == model::kHostnameLabel) return true;
    }
  }
  return false;
}

}  // namespace

bool passes_static_filters(const model::PodSpec& spec, const model::Node& node) {
  if (!spec.node_name.empty() && spec.node_name != node.meta.name) return false;
  if (node.unschedulable && !tolerates_unschedulable(spec)) return false;
  if (!k8s::required_node_affinity_matches(spec.node_selector, node_affinity_of(spec), node.meta.name,
                                           node.meta.labels)) {
    return false;
  }
  return k8s::first_untolerated_filtering_taint(spec.tolerations, node.taints) == nullptr;
}

bool feasible_in(const model::Snapshot& snapshot, const model::PodSpec& spec, model::Environment env) {
  if (!snapshot.has_nodes()) {
    if (env == model::Environment::Hybrid) {
      return k8s::could_match_with_label(spec.node_selector, node_affinity_of(spec), model::kComputeTypeLabel,
                                         "hybrid");
    }
    return k8s::could_match_without_label(spec.node_selector, node_affinity_of(spec), model::kComputeTypeLabel);
  }
  const std::vector<size_t>& classes = snapshot.node_class_representatives();
  if (names_a_node(spec) || classes.empty()) {
    for (const model::Node& n : snapshot.nodes) {
      if (n.environment() == env && passes_static_filters(spec, n)) return true;
    }
    return false;
  }
  for (size_t i : classes) {
    const model::Node& n = snapshot.nodes[i];
    if (n.environment() == env && passes_static_filters(spec, n)) return true;
  }
  return false;
}

std::vector<const model::Node*> feasible_nodes(const model::Snapshot& snapshot, const model::PodSpec& spec,
                                               model::Environment env) {
  std::vector<const model::Node*> out;
  for (const model::Node& n : snapshot.nodes) {
    if (n.environment() == env && passes_static_filters(spec, n)) out.push_back(&n);
  }
  std::sort(out.begin(), out.end(), [](auto* a, auto* b) { return a->meta.name < b->meta.name; });
  return out;
}

}  // namespace hybridctl::analysis
