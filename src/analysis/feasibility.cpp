#include "analysis/feasibility.h"

#include "analysis/placement/plugins/plugins.h"
#include "k8s/node_affinity.h"

namespace hybridctl::analysis {
namespace {

using model::node_affinity_of;

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
  for (const placement::StaticFilter& f : placement::default_static_filters()) {
    if (!f.passes(spec, node)) return false;
  }
  return true;
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

}  // namespace hybridctl::analysis
