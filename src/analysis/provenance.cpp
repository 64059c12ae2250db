#include "analysis/provenance.h"

namespace hybridctl::analysis {
namespace {

// The EKS add-ons whose objects EKS names the same in every cluster:
// (namespace, object name) -> add-on name.
struct StandardAddonObject {
  std::string_view ns, name, addon;
};
constexpr StandardAddonObject kStandardAddonObjects[] = {
    {"kube-system", "coredns", "coredns"},
    {"kube-system", "kube-proxy", "kube-proxy"},
    {"kube-system", "aws-node", "vpc-cni"},
    {"kube-system", "eks-pod-identity-agent", "eks-pod-identity-agent"},
    {"kube-system", "ebs-csi-controller", "aws-ebs-csi-driver"},
    {"kube-system", "ebs-csi-node", "aws-ebs-csi-driver"},
    {"amazon-cloudwatch", "amazon-cloudwatch-observability-controller-manager", "amazon-cloudwatch-observability"},
    {"opentelemetry-operator-system", "opentelemetry-operator", "adot"},
};

std::string_view standard_addon(const model::ObjectBase& o) {
  for (const auto& s : kStandardAddonObjects) {
    if (o.meta.ns == s.ns && o.meta.name == s.name) return s.addon;
  }
  return {};
}

// The add-on's name as `aws eks update-addon --addon-name` wants it.
std::string eks_addon_name(const model::ObjectBase& o) {
  const auto& labels = o.meta.labels;
  if (auto a = labels.get("eks.amazonaws.com/addon"); !a.empty()) return std::string(a);
  if (auto a = standard_addon(o); !a.empty()) return std::string(a);
  if (auto c = labels.get("eks.amazonaws.com/component"); !c.empty()) {
    if (c == "kube-dns") return "coredns";
    if (c == "aws-node") return "vpc-cni";
    return std::string(c);
  }
  return std::string(labels.get("app.kubernetes.io/name", o.meta.name));
}

}  // namespace

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
  // EKS writes these labels on the objects of its add-ons (and of the default
  // CoreDNS / kube-proxy / VPC CNI it installs in every cluster).
  if (labels.get("app.kubernetes.io/managed-by") == "EKS" || labels.contains("eks.amazonaws.com/addon") ||
      labels.contains("eks.amazonaws.com/component") || o.meta.managed_by_eks) {
    return {Manager::Kind::EksAddon, eks_addon_name(o), "", ""};
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
  // The weakest evidence, after every label: the standard add-ons' own names.
  if (auto a = standard_addon(o); !a.empty()) return {Manager::Kind::EksAddon, std::string(a), "", ""};
  return m;
}

}  // namespace hybridctl::analysis
