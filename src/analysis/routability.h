// Pod network routability of hybrid pods as RULES.md defines it, per pod and
// cluster-wide, from remotePodNetworks, the pod CIDR evidence (pod IPs,
// Node.spec.podCIDRs, CNI pools) and BGP advertisement evidence.
#pragma once

#include <string>
#include <vector>

#include "core/cidr.h"
#include "model/snapshot.h"

namespace hybridctl::analysis {

class Routability {
 public:
  explicit Routability(const model::Snapshot& snapshot);

  model::PodNetwork cluster_wide() const { return cluster_wide_; }
  // One sentence saying why the cluster-wide value is what it is.
  const std::string& reason() const { return reason_; }
  // Whether some BGP object advertises pod CIDRs from `node`.
  bool advertised(const model::Node& node) const;
  // Whether this BGP object does (through its node selector and, for a
  // CiliumBGPClusterConfig, its peer configs' PodCIDR advertisements).
  bool advertises_pod_cidrs(const model::BgpAdvertiser& b, const model::Node& node) const;
  // Inside a pool whose routes BGP never exports (Calico disableBGPExport):
  // BGP peers on its nodes do not make its addresses routable.
  bool in_unexported_pool(const IpAddress& ip) const;
  const CidrSet& remote_pod_networks() const { return remote_pods_; }
  const CidrSet& remote_node_networks() const { return remote_nodes_; }
  bool remote_networks_known() const { return remote_known_; }

  // The CNI pools and node ranges that serve hybrid nodes (for HN016 and reports).
  struct PoolEvidence {
    std::string cidr;
    std::string source;                 // e.g. "Node mi-1 spec.podCIDRs", "cilium-config cluster-pool-ipv4-cidr"
    const model::Node* node = nullptr;  // when the range belongs to one node
    const model::ObjectBase* object = nullptr;  // the object that declares the range
    bool bgp_export_disabled = false;           // the pool's routes are never advertised by BGP
  };
  const std::vector<PoolEvidence>& hybrid_pools() const { return pools_; }

 private:
  void collect_remote_networks();
  void collect_pools();
  void decide_cluster_wide();

  const model::Snapshot& snapshot_;
  CidrSet remote_pods_;
  CidrSet remote_nodes_;
  bool remote_known_ = false;
  std::vector<PoolEvidence> pools_;
  model::PodNetwork cluster_wide_ = model::PodNetwork::Unknown;
  std::string reason_;
};

}  // namespace hybridctl::analysis
