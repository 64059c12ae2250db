// A fix's scheduling changes as data: what a pod template's spec looks like
// once the change is made, and the intent that asks for it. Rules use these
// to check that their fix still places the workload and to build the
// intent; the renderers (node_affinity_fix, spread_fix) write the same
// changes as patches and values. Nothing here writes JSON, so a rule can
// include it (tests/fix/rules_build_no_patches_test.cpp).
#pragma once

#include <vector>

#include "fix/fix_intent.h"
#include "model/scheduling.h"
#include "model/workloads.h"

namespace hybridctl::fix {

// The one way hybridctl changes required node affinity: the requirement is
// added to every existing nodeSelectorTerm (or the single term is created),
// never replacing a user's atomic lists.
model::PodSpec with_required_node_affinity(const model::PodSpec& spec, const model::Requirement& requirement);

// The intent of adding `requirement` to workload `w`'s pod template (the
// manager's values keys, patchability and cluster name left to the caller).
RequireNodeAffinity require_node_affinity(const model::Workload& w, const model::Requirement& requirement);

// The spec with the preferred pod anti-affinity terms / the topology spread
// constraint appended (Helm values, add-on configuration, and the placement
// check of the fix).
model::PodSpec with_preferred_anti_affinity(model::PodSpec spec,
                                            const std::vector<model::WeightedPodAffinityTerm>& terms);
model::PodSpec with_topology_spread(model::PodSpec spec, const model::TopologySpreadConstraint& constraint);

}  // namespace hybridctl::fix
