#include "analysis/cni.h"

namespace hybridctl::analysis {
namespace {

using model::WorkloadKind;

struct KnownComponent {
  Cni cni;
  WorkloadKind kind;
  std::string_view name;
  std::string_view helm_affinity_path;
  std::string_view installation_field;
};

// Calico lives in kube-system (manifest install) or calico-system (Tigera
// operator); Cilium's chart installs into whatever namespace it is given,
// the VPC CNI only into kube-system.
constexpr KnownComponent kKnown[] = {
    {Cni::VpcCni, WorkloadKind::DaemonSet, "aws-node", "affinity", ""},
    {Cni::Cilium, WorkloadKind::DaemonSet, "cilium", "affinity", ""},
    {Cni::Cilium, WorkloadKind::DaemonSet, "cilium-envoy", "envoy.affinity", ""},
    {Cni::Cilium, WorkloadKind::Deployment, "cilium-operator", "operator.affinity", ""},
    {Cni::Calico, WorkloadKind::DaemonSet, "calico-node", "", "calicoNodeDaemonSet"},
    {Cni::Calico, WorkloadKind::Deployment, "calico-typha", "", "typhaDeployment"},
    {Cni::Calico, WorkloadKind::Deployment, "calico-kube-controllers", "", "calicoKubeControllersDeployment"},
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
      out.push_back({k.cni, &w, std::string(k.helm_affinity_path), std::string(k.installation_field)});
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
