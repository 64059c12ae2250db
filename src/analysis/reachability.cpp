#include "analysis/reachability.h"

namespace hybridctl::analysis {

using model::PodNetwork;

Reach Reachability::of_node_ip(const model::Node& node) const {
  auto ip = IpAddress::parse(node.internal_ip);
  if (!routability_.remote_networks_known() || !ip) {
    // nodeadm refuses to join a node outside remoteNodeNetworks: assume inside.
    return {PodNetwork::Routable, "reached at node " + node.meta.name + "'s IP"};
  }
  if (routability_.remote_node_networks().contains(*ip)) {
    return {PodNetwork::Routable, "reached at node IP " + node.internal_ip + ", inside remoteNodeNetworks"};
  }
  return {PodNetwork::Unroutable, "reached at node IP " + node.internal_ip + " of " + node.meta.name +
                                      ", which lies outside remoteNodeNetworks"};
}

Reach Reachability::of_pod_ip(std::string_view address, const model::Node* node) const {
  const std::string on = node ? "" : std::string(" in a hybrid pod range");
  const std::string pod_ip = address.empty() ? std::string("pod IP") : "pod IP " + std::string(address);
  if (snapshot_.facts.pod_network) {
    return {*snapshot_.facts.pod_network,
            pod_ip + on + " (--pod-network " + model::pod_network_name(*snapshot_.facts.pod_network) + ")"};
  }
  auto ip = IpAddress::parse(address);
  if (!ip || !routability_.remote_networks_known()) {
    // "pod IP 10.200.1.7: remotePodNetworks is not known (...)": the reason
    // reads as a sentence of its own, not as a parenthesis of the address.
    return {routability_.cluster_wide(), pod_ip + on + ": " + routability_.reason()};
  }
  if (!routability_.remote_pod_networks().contains(*ip)) {
    std::string networks;
    for (const Cidr& c : routability_.remote_pod_networks().blocks())
      networks += (networks.empty() ? "" : ", ") + c.str();
    return {PodNetwork::Unroutable, "pod IP " + std::string(address) + on + " lies outside remotePodNetworks (" +
                                        (networks.empty() ? "none" : networks) + ")"};
  }
  if (routability_.in_unexported_pool(*ip)) {
    return {PodNetwork::Unknown, "pod IP " + std::string(address) + on +
                                     " is inside remotePodNetworks, in a pool whose routes BGP does not export "
                                     "(disableBGPExport)"};
  }
  bool advertised = node ? routability_.advertised(*node) : routability_.cluster_wide() == PodNetwork::Routable;
  if (advertised) return {PodNetwork::Routable, "pod IP inside remotePodNetworks and advertised"};
  return {PodNetwork::Unknown,
          "pod IP " + std::string(address) + on + " is inside remotePodNetworks but no BGP advertisement was found"};
}

Reach Reachability::of_endpoint(const traffic::EndpointView& e) const {
  if (e.environment != model::Environment::Hybrid && !e.environment_unknown) {
    return {PodNetwork::Routable, "endpoint " + e.address + " runs in the cloud"};
  }
  Location where{e.environment_unknown ? EndpointEnvironment::Unknown : EndpointEnvironment::Hybrid,
                 snapshot_.node(e.node), "node " + e.node};
  return of_address(where, e.address, e.host_network);
}

Reach Reachability::of_address(const Location& where, std::string_view address, bool host_network) const {
  switch (where.environment) {
    case EndpointEnvironment::Cloud:
      return {PodNetwork::Routable, "runs in the cloud (" + where.evidence() + ")"};
    case EndpointEnvironment::Unknown:
      return {PodNetwork::Unknown, "where it runs is not known (" + where.evidence() + ")"};
    case EndpointEnvironment::Hybrid:
      break;
  }
  if (host_network && where.node) return of_node_ip(*where.node);
  if (auto ip = IpAddress::parse(address)) {
    // An on-premises host address (a url: webhook on a hybrid machine, a
    // hostNetwork endpoint whose node is not in the input).
    const bool in_node_range = routability_.remote_node_networks().contains(*ip);
    if (in_node_range && (host_network || !routability_.remote_pod_networks().contains(*ip))) {
      return {PodNetwork::Routable, "host address " + std::string(address) + " inside remoteNodeNetworks"};
    }
    if (host_network && routability_.remote_networks_known()) {
      return {PodNetwork::Unroutable, "host address " + std::string(address) + " lies outside remoteNodeNetworks"};
    }
  }
  return of_pod_ip(address, where.node);
}

Reach Reachability::of_endpoint(const ServiceEndpoint& e) const {
  return of_address(e.location, e.address, e.host_network);
}

Reach Reachability::of_pod(const model::Pod& pod, const model::Node& node) const {
  Location where{node.is_hybrid() ? EndpointEnvironment::Hybrid : EndpointEnvironment::Cloud, &node, {}};
  return of_address(where, pod.pod_ip, pod.spec.host_network);
}

Reach Reachability::of_template_on_hybrid(const model::PodSpec& spec) const {
  if (!spec.host_network) {
    return {routability_.cluster_wide(), "hybrid pod network: " + routability_.reason()};
  }
  for (const model::Node& n : snapshot_.nodes) {
    if (!n.is_hybrid()) continue;
    Reach r = of_node_ip(n);
    if (!r.reachable()) return {r.network, "hostNetwork: " + r.why};
  }
  return {PodNetwork::Routable, "hostNetwork: reached at the hybrid nodes' IPs, inside remoteNodeNetworks"};
}

}  // namespace hybridctl::analysis
