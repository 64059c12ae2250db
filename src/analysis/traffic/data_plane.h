// Which data plane load-balances Service traffic on each node, and which
// hints it honours: kube-proxy, or Cilium's kube-proxy replacement, which
// follows zone hints only with cilium-config `enable-service-topology: "true"`.
#pragma once

#include <cstdint>
#include <vector>

#include "k8s/proxy_topology.h"
#include "model/snapshot.h"

namespace hybridctl::analysis::traffic {

enum class DataPlane : uint8_t { KubeProxy, CiliumServiceTopology, CiliumIgnoresHints };

const char* data_plane_name(DataPlane plane);

// One entry per snapshot node, in order. A node runs Cilium when the kube-system `cilium`
// DaemonSet's template passes the node's static filters or a CiliumNode of its name exists;
// cilium-config `kube-proxy-replacement: "false"` (or "disabled") leaves Services to kube-proxy.
std::vector<DataPlane> data_planes(const model::Snapshot& snapshot);

// The hints a data plane honours; kube-proxy's depend on the release and the Service.
k8s::ProxyHintSupport hint_support(DataPlane plane, const StringMap& service_annotations,
                                   const k8s::HintsFeatureGates& gates);

}  // namespace hybridctl::analysis::traffic
