// The top workloads behind a Service offline: those in its namespace
// whose pod template labels its selector matches (RULES.md "workload of a pod").
#pragma once

#include <vector>

#include "analysis/label_pair_index.h"
#include "model/snapshot.h"

namespace hybridctl::analysis {

// The snapshot's workloads indexed by their template labels, built once:
// 10,000 Services must not each scan every workload.
class SelectedWorkloads {
 public:
  explicit SelectedWorkloads(const model::Snapshot& snapshot);

  // The top workloads of those the Service's selector matches, each once,
  // in snapshot order; empty for a Service without selector.
  std::vector<const model::Workload*> of(const model::Service& service) const;

 private:
  const model::Snapshot& snapshot_;
  LabelPairIndex<model::Workload> by_template_label_;
};

// Top workloads behind a Service: the owners of `endpoint_pods` (what runs)
// and the workloads its selector matches (what may run).
std::vector<const model::Workload*> service_workloads(const model::Snapshot& snapshot,
                                                      const SelectedWorkloads& selected, const model::Service& service,
                                                      const std::vector<const model::Pod*>& endpoint_pods);

}  // namespace hybridctl::analysis
