#include "analysis/provenance.h"

namespace hybridctl::analysis {

const char* Manager::kind_name() const {
  switch (kind) {
    case Kind::None:
      return "none";
    case Kind::Helm:
      return "helm";
    case Kind::EksAddon:
      return "eks-addon";
    case Kind::Operator:
      return "operator";
    case Kind::ArgoCD:
      return "argocd";
    case Kind::Flux:
      return "flux";
  }
  return "none";
}

Manager manager_of(const model::ObjectBase& o) {
  const auto& labels = o.meta.labels;
  const auto& annotations = o.meta.annotations;
  Manager m;
  // Operators first: their reconcilers revert edits faster than any other manager.
  for (const auto& owner : o.meta.owners) {
    static constexpr std::string_view workload_kinds[] = {
        "Deployment", "ReplicaSet", "StatefulSet", "DaemonSet", "Job", "CronJob", "ReplicationController", "Node"};
    bool is_workload = false;
    for (auto k : workload_kinds) is_workload = is_workload || owner.kind == k;
    if (!is_workload) return {Manager::Kind::Operator, owner.name, o.meta.ns, owner.kind};
  }
  if (labels.get("app.kubernetes.io/managed-by") == "EKS" || labels.contains("eks.amazonaws.com/addon")) {
    return {Manager::Kind::EksAddon,
            std::string(labels.get("eks.amazonaws.com/addon", labels.get("app.kubernetes.io/name"))), "", ""};
  }
  if (auto r = annotations.get("meta.helm.sh/release-name"); !r.empty()) {
    return {Manager::Kind::Helm, std::string(r),
            std::string(annotations.get("meta.helm.sh/release-namespace", o.meta.ns)), ""};
  }
  if (labels.get("app.kubernetes.io/managed-by") == "Helm" || labels.contains("helm.sh/chart")) {
    return {Manager::Kind::Helm, std::string(labels.get("app.kubernetes.io/instance", labels.get("release"))),
            o.meta.ns, ""};
  }
  if (auto a = labels.get("argocd.argoproj.io/instance"); !a.empty())
    return {Manager::Kind::ArgoCD, std::string(a), "", ""};
  if (annotations.contains("argocd.argoproj.io/tracking-id")) {
    return {Manager::Kind::ArgoCD, std::string(annotations.get("argocd.argoproj.io/tracking-id")), "", ""};
  }
  if (auto f = labels.get("kustomize.toolkit.fluxcd.io/name"); !f.empty()) {
    return {Manager::Kind::Flux, std::string(f), std::string(labels.get("kustomize.toolkit.fluxcd.io/namespace")), ""};
  }
  if (auto f = labels.get("helm.toolkit.fluxcd.io/name"); !f.empty()) {
    return {Manager::Kind::Flux, std::string(f), std::string(labels.get("helm.toolkit.fluxcd.io/namespace")), ""};
  }
  return m;
}

}  // namespace hybridctl::analysis
