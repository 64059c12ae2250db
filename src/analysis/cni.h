// The CNI components AWS supports on only one side of a mixed cluster: the
// VPC CNI (aws-node) on cloud nodes, Cilium and Calico on hybrid nodes.
// Recognised by the names the upstream manifests, charts and the Tigera
// operator give them (RULES.md HN003).
#pragma once

#include <string>
#include <vector>

#include "model/node.h"
#include "model/snapshot.h"

namespace hybridctl::analysis {

enum class Cni { VpcCni, Cilium, Calico };

struct CniComponent {
  Cni cni;
  const model::Workload* workload = nullptr;
  // Where Helm or the Tigera operator keep its affinity: charts/ (cilium,
  // vpc_cni, tigera_operator), by the workload's name.
};

const char* cni_name(Cni c);

// The environment the component belongs in: cloud for the VPC CNI, hybrid
// for Cilium and Calico.
model::Environment home_environment(Cni c);

// Every CNI component among the snapshot's workloads, in snapshot order.
std::vector<CniComponent> find_cni_components(const model::Snapshot& snapshot);

// The Cilium agent DaemonSet, or nullptr when the input has none.
const model::Workload* cilium_agent(const model::Snapshot& snapshot);

}  // namespace hybridctl::analysis
