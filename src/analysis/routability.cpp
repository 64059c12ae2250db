#include "analysis/routability.h"

#include <sstream>

#include "k8s/calico_selector.h"
#include "k8s/label_selector.h"

namespace hybridctl::analysis {
namespace {

using model::PodNetwork;

void add_cidrs(CidrSet& set, const std::vector<std::string>& cidrs) {
  for (const std::string& c : cidrs) {
    if (auto parsed = Cidr::parse(c)) set.add(*parsed);
  }
}

bool selects_node(const model::LabelSelector& selector, const model::Node& node) {
  // An absent nodeSelector on a Cilium BGP object selects every node.
  if (!selector.present) return true;
  return k8s::label_selector_matches(selector, node.meta.labels).matched;
}

}  // namespace

Routability::Routability(const model::Snapshot& snapshot) : snapshot_(snapshot) {
  collect_remote_networks();
  collect_pools();
  decide_cluster_wide();
}

void Routability::collect_remote_networks() {
  if (snapshot_.cluster_info && snapshot_.cluster_info->has_remote_network_config) {
    remote_known_ = true;
    add_cidrs(remote_pods_, snapshot_.cluster_info->remote_pod_networks);
    add_cidrs(remote_nodes_, snapshot_.cluster_info->remote_node_networks);
  }
  if (!snapshot_.facts.remote_pod_networks.empty() || !snapshot_.facts.remote_node_networks.empty()) {
    remote_known_ = true;
  }
  add_cidrs(remote_pods_, snapshot_.facts.remote_pod_networks);
  add_cidrs(remote_nodes_, snapshot_.facts.remote_node_networks);
}

void Routability::collect_pools() {
  for (const model::Node& n : snapshot_.nodes) {
    if (!n.is_hybrid()) continue;
    for (const std::string& c : n.pod_cidrs) pools_.push_back({c, "Node " + n.meta.name + " spec.podCIDRs", &n, &n});
    for (const model::CiliumNode& cn : snapshot_.cilium_nodes) {
      if (cn.meta.name != n.meta.name) continue;
      for (const std::string& c : cn.pod_cidrs)
        pools_.push_back({c, "CiliumNode " + cn.meta.name + " spec.ipam.podCIDRs", &n, &cn});
    }
  }
  // Cilium's cluster pool serves every node Cilium runs on: in a mixed cluster, the hybrid nodes.
  if (const model::ConfigMap* cm = snapshot_.config_map("kube-system", "cilium-config")) {
    std::istringstream in(std::string(cm->data.get("cluster-pool-ipv4-cidr")));
    std::string cidr;
    while (in >> cidr) pools_.push_back({cidr, "kube-system/cilium-config cluster-pool-ipv4-cidr", nullptr, cm});
  }
  for (const model::PodPool& p : snapshot_.pod_pools) {
    if (p.disabled) continue;
    bool serves_hybrid = false;
    for (const model::Node& n : snapshot_.nodes) {
      if (n.is_hybrid() && k8s::calico_selector_matches(p.node_selector, n.meta.labels).value_or(false)) {
        serves_hybrid = true;
      }
    }
    // Without nodes a pool is taken as serving hybrid nodes when its selector names them.
    if (!snapshot_.has_nodes()) serves_hybrid = p.node_selector.find("hybrid") != std::string::npos;
    if (!serves_hybrid) continue;
    for (const std::string& c : p.cidrs)
      pools_.push_back({c, p.kind + " " + p.meta.name, nullptr, &p, p.bgp_export_disabled});
  }
}

bool Routability::advertises_pod_cidrs(const model::BgpAdvertiser& b, const model::Node& node) const {
  switch (b.bgp_kind) {
    case model::BgpKind::CiliumPeeringPolicy:
      return b.advertises_pod_cidr && selects_node(b.node_selector, node);
    case model::BgpKind::CalicoPeer:
      return k8s::calico_selector_matches(b.calico_node_selector, node.meta.labels).value_or(false);
    case model::BgpKind::CiliumClusterConfig: {
      if (!selects_node(b.node_selector, node)) return false;
      // ClusterConfig → PeerConfig (by name) → Advertisements (by label) of type PodCIDR.
      for (const model::BgpAdvertiser& peer : snapshot_.bgp_advertisers) {
        if (peer.bgp_kind != model::BgpKind::CiliumPeerConfig) continue;
        bool referenced = false;
        for (const auto& ref : b.peer_config_refs) referenced = referenced || ref == peer.meta.name;
        if (!referenced) continue;
        for (const model::BgpAdvertiser& adv : snapshot_.bgp_advertisers) {
          if (adv.bgp_kind == model::BgpKind::CiliumAdvertisement && adv.advertises_pod_cidr &&
              peer.advertisement_selector.present &&
              k8s::label_selector_matches(peer.advertisement_selector, adv.advertisement_labels).matched) {
            return true;
          }
        }
      }
      return false;
    }
    default:
      return false;  // peer configs and advertisements act only through a ClusterConfig
  }
}

bool Routability::advertised(const model::Node& node) const {
  for (const model::BgpAdvertiser& b : snapshot_.bgp_advertisers) {
    if (advertises_pod_cidrs(b, node)) return true;
  }
  return false;
}

bool Routability::in_unexported_pool(const IpAddress& ip) const {
  for (const PoolEvidence& e : pools_) {
    if (!e.bgp_export_disabled) continue;
    if (auto c = Cidr::parse(e.cidr); c && c->contains(ip)) return true;
  }
  return false;
}

void Routability::decide_cluster_wide() {
  if (snapshot_.facts.pod_network) {
    cluster_wide_ = *snapshot_.facts.pod_network;
    reason_ = std::string("--pod-network ") + model::pod_network_name(cluster_wide_);
    return;
  }
  if (snapshot_.cluster_info && snapshot_.cluster_info->remote_pod_networks.empty() &&
      snapshot_.facts.remote_pod_networks.empty()) {
    cluster_wide_ = PodNetwork::Unroutable;
    reason_ = "the cluster has no remotePodNetworks, so the control plane cannot reach hybrid pod IPs";
    return;
  }
  // Every known hybrid pod address or range: must be inside remotePodNetworks and advertised.
  bool any = false, all_inside = true, all_advertised = true;
  std::string outside;
  auto check = [&](const std::string& what, bool inside, const model::Node* node, bool export_disabled) {
    any = true;
    if (!inside) {
      all_inside = false;
      if (outside.empty()) outside = what;
    }
    bool adv = false;
    if (export_disabled) {
      adv = false;  // a BGP peer on its nodes does not carry this pool's routes
    } else if (node) {
      adv = advertised(*node);
    } else {
      for (const model::Node& n : snapshot_.nodes) adv = adv || (n.is_hybrid() && advertised(n));
    }
    all_advertised = all_advertised && adv;
  };
  for (const model::Pod& p : snapshot_.pods) {
    const model::Node* n = snapshot_.node(p.spec.node_name);
    if (!n || !n->is_hybrid() || p.spec.host_network) continue;
    auto ip = IpAddress::parse(p.pod_ip);
    if (!ip) continue;
    check("pod IP " + p.pod_ip + " of " + p.meta.ns + "/" + p.meta.name, remote_known_ && remote_pods_.contains(*ip), n,
          false);
  }
  for (const PoolEvidence& e : pools_) {
    auto c = Cidr::parse(e.cidr);
    if (!c) continue;
    check(e.cidr + " (" + e.source + ")", remote_known_ && remote_pods_.contains(*c), e.node, e.bgp_export_disabled);
  }
  if (remote_known_ && !all_inside) {
    cluster_wide_ = PodNetwork::Unroutable;
    reason_ = outside + " lies outside remotePodNetworks";
  } else if (remote_known_ && any && all_advertised) {
    cluster_wide_ = PodNetwork::Routable;
    reason_ = "every known hybrid pod range is inside remotePodNetworks and advertised by BGP";
  } else {
    cluster_wide_ = PodNetwork::Unknown;
    reason_ = !remote_known_ ? "remotePodNetworks is not known (no describe-cluster output or --remote-pod-network)"
              : !any         ? "no hybrid pod IP or pod CIDR is known"
                             : "no BGP advertisement of the hybrid pod CIDRs was found";
  }
}

}  // namespace hybridctl::analysis
