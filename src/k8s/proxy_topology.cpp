#include "k8s/proxy_topology.h"

#include <algorithm>

#include "k8s/traffic_distribution.h"

namespace hybridctl::k8s {
namespace {

bool contains(const std::vector<std::string>& values, std::string_view v) {
  return std::find(values.begin(), values.end(), v) != values.end();
}

bool has_zone_hints(const ProxyEndpoint& ep) { return ep.hints && !ep.hints->for_zones.empty(); }
bool has_node_hints(const ProxyEndpoint& ep) { return ep.hints && !ep.hints->for_nodes.empty(); }

bool is_local(const ProxyEndpoint& ep, const ProxyNode& node) {
  return !node.name.empty() && ep.node_name == node.name;
}

bool available_for_topology(const ProxyEndpoint& ep, TopologyMode mode, const ProxyNode& node) {
  switch (mode) {
    case TopologyMode::None:
      return true;
    case TopologyMode::PreferSameNode:
      return has_node_hints(ep) && contains(ep.hints->for_nodes, node.name);
    case TopologyMode::PreferSameZone:
      return has_zone_hints(ep) && contains(ep.hints->for_zones, node.zone);
  }
  return false;
}

}  // namespace

ProxyServicePolicy proxy_policy_of(const model::Service& service) {
  ProxyServicePolicy p;
  p.internal_local = service.internal_traffic_policy == "Local";
  p.external_local = service.external_traffic_policy == "Local";
  bool node_port = std::any_of(service.ports.begin(), service.ports.end(),
                               [](const model::ServicePort& port) { return port.node_port != 0; });
  p.externally_accessible = node_port || !service.load_balancer_ingress.empty() || !service.external_ips.empty();
  return p;
}

ProxyHintSupport kube_proxy_hint_support(const StringMap& service_annotations, const HintsFeatureGates& gates) {
  ProxyHintSupport support;
  support.zone_hints = gates.service_traffic_distribution || topology_annotation_enabled(service_annotations);
  support.node_hints = gates.prefer_same_traffic_distribution;
  return support;
}

TopologyMode topology_mode_from_hints(std::span<const ProxyEndpoint> endpoints, const ProxyNode& node,
                                      const ProxyHintSupport& support) {
  bool any_ready = false, all_node_hints = true, node_match = false;
  bool all_zone_hints = true, zone_match = false;
  for (const ProxyEndpoint& ep : endpoints) {
    if (!ep.ready) continue;
    any_ready = true;
    if (!has_node_hints(ep)) {
      all_node_hints = false;
    } else if (contains(ep.hints->for_nodes, node.name)) {
      node_match = true;
    }
    if (!has_zone_hints(ep)) {
      all_zone_hints = false;
    } else if (contains(ep.hints->for_zones, node.zone)) {
      zone_match = true;
    }
  }
  if (!any_ready) return TopologyMode::None;
  if (support.node_hints && all_node_hints && node_match) return TopologyMode::PreferSameNode;
  if (support.zone_hints && all_zone_hints && zone_match) return TopologyMode::PreferSameZone;
  return TopologyMode::None;
}

CategorizedEndpoints categorize_endpoints(std::span<const ProxyEndpoint> endpoints, const ProxyServicePolicy& policy,
                                          const ProxyNode& node, const ProxyHintSupport& support) {
  CategorizedEndpoints out;
  categorize_endpoints_into(endpoints, policy, node, support, out);
  return out;
}

void categorize_endpoints_into(std::span<const ProxyEndpoint> endpoints, const ProxyServicePolicy& policy,
                               const ProxyNode& node, const ProxyHintSupport& support, CategorizedEndpoints& out) {
  out.cluster.clear();
  out.local.clear();
  out.all_reachable.clear();
  out.mode = TopologyMode::None;
  out.has_any_endpoints = out.cluster_uses_terminating = out.local_uses_terminating = false;
  out.uses_cluster = policy.uses_cluster_endpoints();
  out.uses_local = policy.uses_local_endpoints();
  if (endpoints.empty()) return;
  const auto n = static_cast<uint32_t>(endpoints.size());
  if (out.uses_cluster) {
    out.mode = topology_mode_from_hints(endpoints, node, support);
    for (uint32_t i = 0; i < n; ++i) {
      if (endpoints[i].ready && available_for_topology(endpoints[i], out.mode, node)) {
        out.cluster.push_back(i);
      }
    }
    // Topology already fell back when no ready endpoint suits it, so an empty list here means
    // nothing is ready anywhere: serving-terminating endpoints, ignoring topology.
    if (out.cluster.empty()) {
      for (uint32_t i = 0; i < n; ++i) {
        if (endpoints[i].serving && endpoints[i].terminating) out.cluster.push_back(i);
      }
      out.cluster_uses_terminating = !out.cluster.empty();
    }
    out.has_any_endpoints = !out.cluster.empty();
  }
  if (!out.uses_local) {
    out.all_reachable = out.cluster;
    return;
  }
  bool local_ready = false, local_serving_terminating = false;
  for (const ProxyEndpoint& ep : endpoints) {
    if (ep.ready) {
      out.has_any_endpoints = true;
      local_ready = local_ready || is_local(ep, node);
    } else if (ep.serving && ep.terminating) {
      out.has_any_endpoints = true;
      local_serving_terminating = local_serving_terminating || is_local(ep, node);
    }
  }
  for (uint32_t i = 0; i < n; ++i) {
    const ProxyEndpoint& ep = endpoints[i];
    if (!is_local(ep, node)) continue;
    if (local_ready ? ep.ready : (local_serving_terminating && ep.serving && ep.terminating)) {
      out.local.push_back(i);
    }
  }
  out.local_uses_terminating = !local_ready && local_serving_terminating;
  if (!out.uses_cluster) {
    out.all_reachable = out.local;
    return;
  }
  std::set_union(out.cluster.begin(), out.cluster.end(), out.local.begin(), out.local.end(),
                 std::back_inserter(out.all_reachable));
}

}  // namespace hybridctl::k8s
