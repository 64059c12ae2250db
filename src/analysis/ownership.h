// Which workload a pod belongs to (RULES.md "workload of a pod"): owner
// references by uid, else by kind/namespace/name, up through ReplicaSet to
// Deployment and Job to CronJob; a pod whose owner is not in the snapshot is
// matched to a workload whose selector selects it.
#pragma once

#include "model/snapshot.h"

namespace hybridctl::analysis {

// The topmost workload owning `pod`, or nullptr.
const model::Workload* workload_of_pod(const model::Snapshot& snapshot, const model::Pod& pod);
// Follows a workload's own owners up (ReplicaSet → Deployment, Job → CronJob).
const model::Workload* top_workload(const model::Snapshot& snapshot, const model::Workload& workload);

}  // namespace hybridctl::analysis
