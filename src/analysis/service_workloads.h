// The top-level workloads behind a Service offline: those in its namespace
// whose pod template labels its selector matches (RULES.md "workload of a pod").
#pragma once

#include <vector>

#include "model/snapshot.h"

namespace hybridctl::analysis {

// Empty for a Service without selector.
std::vector<const model::Workload*> workloads_selected_by(const model::Snapshot& snapshot,
                                                          const model::Service& service);

// Top workloads behind a Service: the owners of `endpoint_pods` (what runs)
// and the workloads its selector matches (what may run).
std::vector<const model::Workload*> service_workloads(const model::Snapshot& snapshot, const model::Service& service,
                                                      const std::vector<const model::Pod*>& endpoint_pods);

}  // namespace hybridctl::analysis
