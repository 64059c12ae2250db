// Can a pod template run in an environment? The static filters of
// kube-scheduler (node name, nodeSelector, required node affinity, taints,
// unschedulable) against the known nodes, or — with no nodes — against what
// its constraints say of eks.amazonaws.com/compute-type.
#pragma once

#include <vector>

#include "model/snapshot.h"

namespace hybridctl::analysis {

// True when `node` passes the pod's static filters.
bool passes_static_filters(const model::PodSpec& spec, const model::Node& node);

// True when some node of `env` passes; with no nodes known, the answer comes
// from the constraints on the compute-type label alone.
bool feasible_in(const model::Snapshot& snapshot, const model::PodSpec& spec, model::Environment env);

}  // namespace hybridctl::analysis
