// The fix of a workload that must not run on hybrid nodes (its pods would be
// unreachable there): `compute-type NotIn [hybrid]`, valid only if every
// replica still finds a node, in the form its manager reads (the values key
// of its chart or EKS add-on, charts/). Kept out of rules/ so any front end
// (an admission server) can offer the same fix.
#pragma once

#include <string>
#include <vector>

#include "analysis/analyses.h"
#include "fix/fix_intent.h"

namespace hybridctl::fix {

// Where the workload's manager keeps its affinity: the chart's or EKS
// add-on's values key (charts/), and why there is none or what to check.
struct AffinityValues {
  std::vector<std::string> keys;
  std::string note;
};
AffinityValues affinity_values_of(analysis::Analyses& analyses, const model::Workload& w);

// The intents and the note for the finding that carries them.
struct KeepInCloudFix {
  std::vector<FixIntent> fixes;
  std::string note;
  // The template already requires cloud nodes (the fix was applied): the
  // running pods predate it, and the fix is to roll them.
  bool template_fixed = false;
};

// Adds `compute-type NotIn [hybrid]` when it is valid (the patched template
// still fits a cloud node and every replica still places); otherwise the
// network advice (routable pod CIDR, or hostNetwork where it does not run so).
KeepInCloudFix keep_in_cloud_fix(analysis::Analyses& analyses, const model::Workload& w);

}  // namespace hybridctl::fix
