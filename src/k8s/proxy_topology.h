// kube-proxy's choice of endpoints on one node (pkg/proxy/topology.go:
// CategorizeEndpoints, topologyModeFromHints, availableForTopology). Hints
// alone decide; kube-proxy never reads trafficDistribution.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "core/string_map.h"
#include "k8s/endpoint_hints.h"
#include "model/service.h"

namespace hybridctl::k8s {

// One endpoint as kube-proxy reads it from an EndpointSlice: unlike the
// controller, a missing ready or serving condition means true.
struct ProxyEndpoint {
  std::string_view node_name;
  bool ready = false;
  bool serving = false;
  bool terminating = false;
  const model::EndpointHints* hints = nullptr;
};

struct ProxyServicePolicy {
  bool internal_local = false;         // internalTrafficPolicy: Local
  bool external_local = false;         // externalTrafficPolicy: Local
  bool externally_accessible = false;  // nodePort, load-balancer ingress or externalIPs
  bool uses_cluster_endpoints() const { return !internal_local || externally_accessible; }
  bool uses_local_endpoints() const { return internal_local || (external_local && externally_accessible); }
};

ProxyServicePolicy proxy_policy_of(const model::Service& service);

// The client node: kube-proxy's node name and its own zone label ("" when missing).
struct ProxyNode {
  std::string_view name;
  std::string_view zone;
};

// Which hints the node's data plane honours.
struct ProxyHintSupport {
  bool zone_hints = true;
  bool node_hints = true;  // needs the PreferSameTrafficDistribution gate
};

// What kube-proxy of a release with these gates honours for a Service with these
// annotations: before ServiceTrafficDistribution it used zone hints only when the topology
// annotation was Auto/auto; node hints need PreferSameTrafficDistribution.
ProxyHintSupport kube_proxy_hint_support(const StringMap& service_annotations, const HintsFeatureGates& gates);

enum class TopologyMode { None, PreferSameZone, PreferSameNode };

// topologyModeFromHints: only ready endpoints count. PreferSameNode when every ready endpoint
// has a node hint and one names this node; else PreferSameZone when every ready endpoint has
// a zone hint and one names this node's zone; else none.
TopologyMode topology_mode_from_hints(std::span<const ProxyEndpoint> endpoints, const ProxyNode& node,
                                      const ProxyHintSupport& support);

struct CategorizedEndpoints {
  bool uses_cluster = false;
  bool uses_local = false;
  TopologyMode mode = TopologyMode::None;
  std::vector<uint32_t> cluster;          // indexes into the input; valid when uses_cluster
  std::vector<uint32_t> local;            // valid when uses_local
  std::vector<uint32_t> all_reachable;    // union of the two, sorted
  bool has_any_endpoints = false;         // usable endpoints exist somewhere in the cluster
  bool cluster_uses_terminating = false;  // no ready endpoint anywhere: serving-terminating ones
  bool local_uses_terminating = false;
};

CategorizedEndpoints categorize_endpoints(std::span<const ProxyEndpoint> endpoints, const ProxyServicePolicy& policy,
                                          const ProxyNode& node, const ProxyHintSupport& support);
// The same into `out`, reusing its vectors' memory (callers categorizing for many nodes).
void categorize_endpoints_into(std::span<const ProxyEndpoint> endpoints, const ProxyServicePolicy& policy,
                               const ProxyNode& node, const ProxyHintSupport& support, CategorizedEndpoints& out);

}  // namespace hybridctl::k8s
