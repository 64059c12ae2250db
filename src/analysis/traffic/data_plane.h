// Which data plane load-balances Service traffic on each node, and which
// hints it honours: kube-proxy (whose release decides: before 1.31 it reads
// hints only for Services with the topology annotation, so it ignores
// trafficDistribution's), or Cilium's kube-proxy replacement, which follows
// zone hints only with cilium-config `enable-service-topology: "true"`. The
// one description of each node's data plane that the traffic model, the
// `traffic` command and every rule read.
#pragma once

#include <cstdint>
#include <vector>

#include "k8s/proxy_topology.h"
#include "model/snapshot.h"

namespace hybridctl::analysis::traffic {

enum class DataPlane : uint8_t {
  KubeProxy,                           // as the cluster's release (its feature gates) allows
  KubeProxyBeforeTrafficDistribution,  // the kube-proxy DaemonSet's image is older than 1.31
  CiliumServiceTopology,
  CiliumIgnoresHints
};

const char* data_plane_name(DataPlane plane);

// One entry per snapshot node, in order. A node runs Cilium when the kube-system `cilium`
// DaemonSet's template passes the node's static filters or a CiliumNode of its name exists;
// cilium-config `kube-proxy-replacement: "false"` (or "disabled") leaves Services to kube-proxy.
// Nodes left to kube-proxy get KubeProxyBeforeTrafficDistribution when the kube-system
// `kube-proxy` DaemonSet's image tag is older than 1.31 (kube-proxy may lag the control
// plane by up to three minors, so the cluster's version does not tell).
std::vector<DataPlane> data_planes(const model::Snapshot& snapshot);

// The hints a data plane honours; kube-proxy's depend on the release and the Service.
k8s::ProxyHintSupport hint_support(DataPlane plane, const StringMap& service_annotations,
                                   const k8s::HintsFeatureGates& gates);

}  // namespace hybridctl::analysis::traffic
