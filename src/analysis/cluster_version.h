// The Kubernetes version of the cluster and of kube-proxy, as far as the
// input tells: rules that depend on a feature's availability (HN007) must
// distinguish "known to be older" from "unknown".
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "model/snapshot.h"

namespace hybridctl::analysis {

struct KubeVersion {
  int major = 0;
  int minor = 0;
  auto operator<=>(const KubeVersion&) const = default;
  std::string str() const { return std::to_string(major) + "." + std::to_string(minor); }
};

// "1.31", "v1.31.2", "v1.31.2-eks-1234", "1.31+" -> 1.31; nullopt otherwise.
std::optional<KubeVersion> parse_kube_version(std::string_view text);

struct ClusterVersion {
  // The control plane's version, from --kubernetes-version or describe-cluster.
  std::optional<KubeVersion> exact;
  std::string source;  // where `exact` came from
  // The oldest kubelet: the control plane is at least this new (kubelets may
  // lag it by up to three minors, never lead it).
  std::optional<KubeVersion> lower_bound;
  // kube-proxy's version, from the kube-proxy DaemonSet's image tag.
  std::optional<KubeVersion> kube_proxy;

  // Known to be at least `v` (exactly, or through the kubelet lower bound).
  bool at_least(KubeVersion v) const;
  // Known to be older than `v` (only an exact version can say so).
  bool older_than(KubeVersion v) const { return exact && *exact < v; }
};

ClusterVersion cluster_version(const model::Snapshot& snapshot);

}  // namespace hybridctl::analysis
