#include "analysis/cluster_version.h"

#include <charconv>

namespace hybridctl::analysis {
namespace {

std::optional<int> leading_int(std::string_view& s) {
  int value = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc() || end == s.data()) return std::nullopt;
  s.remove_prefix(static_cast<size_t>(end - s.data()));
  return value;
}

void keep_oldest(std::optional<KubeVersion>& oldest, std::optional<KubeVersion> v) {
  if (v && (!oldest || *v < *oldest)) oldest = v;
}

// "registry/eks/kube-proxy:v1.30.0-minimal-eksbuild.3" -> 1.30
std::optional<KubeVersion> image_tag_version(std::string_view image) {
  size_t colon = image.rfind(':');
  if (colon == std::string_view::npos || image.find('/', colon) != std::string_view::npos) return std::nullopt;
  return parse_kube_version(image.substr(colon + 1));
}

}  // namespace

std::optional<KubeVersion> parse_kube_version(std::string_view text) {
  if (!text.empty() && (text.front() == 'v' || text.front() == 'V')) text.remove_prefix(1);
  std::optional<int> major = leading_int(text);
  if (!major || text.empty() || text.front() != '.') return std::nullopt;
  text.remove_prefix(1);
  std::optional<int> minor = leading_int(text);
  if (!minor) return std::nullopt;
  return KubeVersion{*major, *minor};
}

bool ClusterVersion::at_least(KubeVersion v) const {
  if (exact) return *exact >= v;
  return lower_bound && *lower_bound >= v;
}

ClusterVersion cluster_version(const model::Snapshot& snapshot) {
  ClusterVersion out;
  if (auto v = parse_kube_version(snapshot.facts.kubernetes_version)) {
    out.exact = v;
    out.source = "--kubernetes-version";
  } else if (snapshot.cluster_info) {
    if (auto cv = parse_kube_version(snapshot.cluster_info->kubernetes_version)) {
      out.exact = cv;
      out.source = "describe-cluster";
    }
  }
  for (const model::Node& n : snapshot.nodes) {
    if (n.synthesized) continue;
    keep_oldest(out.lower_bound, parse_kube_version(n.kubelet_version));
  }
  // Node status kubeProxyVersion is the kubelet reporting its own version
  // (deprecated, empty since 1.31): only the DaemonSet's image says what runs.
  if (const model::Workload* ds = snapshot.workload(model::WorkloadKind::DaemonSet, "kube-system", "kube-proxy")) {
    for (const model::Container& c : ds->tmpl.spec.containers) keep_oldest(out.kube_proxy, image_tag_version(c.image));
  }
  return out;
}

}  // namespace hybridctl::analysis
