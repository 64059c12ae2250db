#include "analysis/traffic/data_plane.h"

#include <optional>
#include <unordered_set>

#include "analysis/cluster_version.h"
#include "analysis/feasibility.h"

namespace hybridctl::analysis::traffic {

const char* data_plane_name(DataPlane plane) {
  switch (plane) {
    case DataPlane::KubeProxy:
      return "kube-proxy";
    case DataPlane::KubeProxyBeforeTrafficDistribution:
      return "kube-proxy (older than 1.31: ignores trafficDistribution hints)";
    case DataPlane::CiliumServiceTopology:
      return "cilium (enable-service-topology)";
    case DataPlane::CiliumIgnoresHints:
      return "cilium (without enable-service-topology)";
  }
  return "?";
}

namespace {

// The tolerations the DaemonSet controller adds to every daemon pod
// (pkg/controller/daemon/util AddOrUpdateDaemonPodTolerations), so a cordoned or
// pressured node still runs the agent.
model::PodSpec daemon_pod_spec(const model::PodSpec& tmpl) {
  model::PodSpec spec = tmpl;
  for (const char* key : {"node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable"}) {
    spec.tolerations.push_back({key, "Exists", "", "NoExecute", std::nullopt});
  }
  for (const char* key : {"node.kubernetes.io/disk-pressure", "node.kubernetes.io/memory-pressure",
                          "node.kubernetes.io/pid-pressure", "node.kubernetes.io/unschedulable"}) {
    spec.tolerations.push_back({key, "Exists", "", "NoSchedule", std::nullopt});
  }
  if (spec.host_network) {
    spec.tolerations.push_back({"node.kubernetes.io/network-unavailable", "Exists", "", "NoSchedule", std::nullopt});
  }
  return spec;
}

}  // namespace

std::vector<DataPlane> data_planes(const model::Snapshot& snapshot) {
  // ServiceTrafficDistribution is beta (on) from 1.31: an older kube-proxy reads no hint
  // of a Service without the topology annotation.
  std::optional<KubeVersion> kube_proxy = cluster_version(snapshot).kube_proxy;
  const DataPlane proxy = kube_proxy && *kube_proxy < KubeVersion{1, 31} ? DataPlane::KubeProxyBeforeTrafficDistribution
                                                                         : DataPlane::KubeProxy;
  std::vector<DataPlane> out(snapshot.nodes.size(), proxy);
  const model::ConfigMap* config = snapshot.config_map("kube-system", "cilium-config");
  if (config) {
    std::string_view kpr = config->data.get("kube-proxy-replacement");
    if (kpr == "false" || kpr == "disabled") return out;
  }
  const model::Workload* daemonset = snapshot.workload(model::WorkloadKind::DaemonSet, "kube-system", "cilium");
  std::unordered_set<std::string_view> cilium_nodes;
  for (const model::CiliumNode& n : snapshot.cilium_nodes) cilium_nodes.insert(n.meta.name);
  if (!daemonset && cilium_nodes.empty()) return out;
  std::optional<model::PodSpec> agent;
  if (daemonset) agent = daemon_pod_spec(daemonset->tmpl.spec);
  const DataPlane cilium = config && config->data.get("enable-service-topology") == "true"
                               ? DataPlane::CiliumServiceTopology
                               : DataPlane::CiliumIgnoresHints;
  for (size_t i = 0; i < snapshot.nodes.size(); ++i) {
    const model::Node& node = snapshot.nodes[i];
    if (cilium_nodes.contains(node.meta.name) || (agent && passes_static_filters(*agent, node))) {
      out[i] = cilium;
    }
  }
  return out;
}

k8s::ProxyHintSupport hint_support(DataPlane plane, const StringMap& service_annotations,
                                   const k8s::HintsFeatureGates& gates) {
  switch (plane) {
    case DataPlane::KubeProxy:
      return k8s::kube_proxy_hint_support(service_annotations, gates);
    case DataPlane::KubeProxyBeforeTrafficDistribution: {
      // Neither ServiceTrafficDistribution (1.31) nor PreferSameTrafficDistribution (1.34).
      k8s::HintsFeatureGates old = gates;
      old.service_traffic_distribution = false;
      old.prefer_same_traffic_distribution = false;
      return k8s::kube_proxy_hint_support(service_annotations, old);
    }
    // Cilium's service topology reads forZones only.
    case DataPlane::CiliumServiceTopology:
      return {true, false};
    case DataPlane::CiliumIgnoresHints:
      return {false, false};
  }
  return {};
}

}  // namespace hybridctl::analysis::traffic
