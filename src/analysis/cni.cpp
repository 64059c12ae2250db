#include "analysis/cni.h"

namespace hybridctl::analysis {
namespace {

using model::WorkloadKind;

struct KnownComponent {
  Cni cni;
  WorkloadKind kind;
  std::string_view name;
};

// Calico lives in kube-system (manifest install) or calico-system (Tigera
// operator); Cilium's chart installs into whatever namespace it is given,
// the VPC CNI only into kube-system.
constexpr KnownComponent kKnown[] = {
    {Cni::VpcCni, WorkloadKind::DaemonSet, "aws-node"},
    {Cni::Cilium, WorkloadKind::DaemonSet, "cilium"},
    {Cni::Cilium, WorkloadKind::DaemonSet, "cilium-envoy"},
    {Cni::Cilium, WorkloadKind::Deployment, "cilium-operator"},
    {Cni::Calico, WorkloadKind::DaemonSet, "calico-node"},
    {Cni::Calico, WorkloadKind::Deployment, "calico-typha"},
    {Cni::Calico, WorkloadKind::Deployment, "calico-kube-controllers"},
};

bool namespace_fits(Cni cni, std::string_view ns) {
  switch (cni) {
    case Cni::VpcCni:
      return ns == "kube-system";
    case Cni::Calico:
      return ns == "kube-system" || ns == "calico-system";
    case Cni::Cilium:
      return true;
  }
  return false;
}

}  // namespace

const char* cni_name(Cni c) {
  switch (c) {
    case Cni::VpcCni:
      return "Amazon VPC CNI";
    case Cni::Cilium:
      return "Cilium";
    case Cni::Calico:
      return "Calico";
  }
  return "";
}

model::Environment home_environment(Cni c) {
  return c == Cni::VpcCni ? model::Environment::Cloud : model::Environment::Hybrid;
}

std::vector<CniComponent> find_cni_components(const model::Snapshot& snapshot) {
  std::vector<CniComponent> out;
  for (const model::Workload& w : snapshot.workloads) {
    for (const KnownComponent& k : kKnown) {
      if (w.workload_kind != k.kind || w.meta.name != k.name || !namespace_fits(k.cni, w.meta.ns)) continue;
      out.push_back({k.cni, &w});
    }
  }
  return out;
}

const model::Workload* cilium_agent(const model::Snapshot& snapshot) {
  for (const CniComponent& c : find_cni_components(snapshot)) {
    if (c.cni == Cni::Cilium && c.workload->workload_kind == WorkloadKind::DaemonSet &&
        c.workload->meta.name == "cilium") {
      return c.workload;
    }
  }
  return nullptr;
}

}  // namespace hybridctl::analysis
