#include "fix/scheduling_changes.h"

#include <algorithm>

#include "fix/object_names.h"

namespace hybridctl::fix {

model::PodSpec with_required_node_affinity(const model::PodSpec& spec, const model::Requirement& requirement) {
  model::PodSpec out = spec;
  model::Affinity& affinity = out.affinity.edit();
  if (!affinity.node_affinity) affinity.node_affinity = model::NodeAffinity{};
  model::NodeSelector& required = affinity.node_affinity->required;
  if (!required.present || required.terms.empty()) {
    required.present = true;
    required.terms = {model::NodeSelectorTerm{{requirement}, {}}};
    return out;
  }
  for (auto& term : required.terms) {
    const auto& expressions = term.match_expressions;
    if (std::find(expressions.begin(), expressions.end(), requirement) == expressions.end()) {
      term.match_expressions.push_back(requirement);
    }
  }
  return out;
}

RequireNodeAffinity require_node_affinity(const model::Workload& w, const model::Requirement& requirement) {
  RequireNodeAffinity intent;
  intent.target = w.ref();
  intent.template_path = pod_spec_path(w);
  intent.spec = w.tmpl.spec;
  intent.key = requirement.key;
  intent.op = requirement.op;
  intent.values = requirement.values;
  return intent;
}

model::PodSpec with_preferred_anti_affinity(model::PodSpec spec,
                                            const std::vector<model::WeightedPodAffinityTerm>& terms) {
  model::Affinity& affinity = spec.affinity.edit();
  if (!affinity.pod_anti_affinity) affinity.pod_anti_affinity = model::PodAffinity{};
  auto& preferred = affinity.pod_anti_affinity->preferred;
  preferred.insert(preferred.end(), terms.begin(), terms.end());
  return spec;
}

model::PodSpec with_topology_spread(model::PodSpec spec, const model::TopologySpreadConstraint& constraint) {
  spec.topology_spread.push_back(constraint);
  return spec;
}

}  // namespace hybridctl::fix
