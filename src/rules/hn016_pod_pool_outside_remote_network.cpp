// HN016: a CNI pod pool for hybrid nodes lies outside remotePodNetworks, or
// BGP advertises the pod CIDRs from only some hybrid nodes.
#include <map>

#include "fix/remote_network_command.h"
#include "rules/registry.h"
#include "rules/rule_helpers.h"

namespace hybridctl::rules {
namespace {

std::string cluster_name(const model::Snapshot& s) {
  return s.cluster_info && !s.cluster_info->name.empty() ? s.cluster_info->name : "CLUSTER";
}

// The update replaces both lists, so the command repeats what is configured.
std::string update_command(const model::Snapshot& snapshot, const analysis::Routability& r,
                           const std::vector<std::string>& add_pods) {
  std::vector<std::string> nodes, pods;
  for (const Cidr& c : r.remote_node_networks().blocks()) nodes.push_back(c.str());
  for (const Cidr& c : r.remote_pod_networks().blocks()) pods.push_back(c.str());
  for (const auto& c : add_pods) {
    if (std::find(pods.begin(), pods.end(), c) == pods.end()) pods.push_back(c);
  }
  return "aws eks update-cluster-config --name " + cluster_name(snapshot) + " --remote-network-config '" +
         fix::remote_network_config(nodes, pods) + "'";
}

class PodPoolOutsideRemoteNetwork final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo i{
        .id = "HN016",
        .name = "pod-pool-outside-remote-network",
        .default_severity = Severity::Error,
        .severity = "error",
        .fires_when =
            "remotePodNetworks is configured and a CNI pod pool for hybrid nodes (Cilium cluster-pool-ipv4-cidr, "
            "CiliumNode spec.ipam.podCIDRs, Calico IPPool cidr selecting hybrid nodes, hybrid Node spec.podCIDRs) is "
            "not inside it; or BGP advertises pod CIDRs from only some hybrid nodes (peering nodeSelector).",
        .rationale =
            "The EKS control plane routes to hybrid pods only through remotePodNetworks: pods that get addresses "
            "from a pool outside it are unreachable for webhooks, kubectl exec/logs proxying and metrics. A pod CIDR "
            "that only some nodes advertise is routable for those nodes' pods only.",
        .fix =
            "Widen remotePodNetworks (aws eks update-cluster-config --remote-network-config ...; the update replaces "
            "the whole list) or shrink the pool into it; advertise from every hybrid node.",
        .reads = {Input::Node, Input::ConfigMap, Input::CniPodPools, Input::BgpAdvertisements, Input::DescribeCluster},
    };
    return i;
  }

  void check(RuleContext& ctx) const override {
    const auto& r = ctx.analyses.routability();
    check_pools(ctx, r);
    check_bgp_coverage(ctx, r);
  }

 private:
  void check_pools(RuleContext& ctx, const analysis::Routability& r) const {
    if (!r.remote_networks_known() || r.remote_pod_networks().empty()) return;
    std::map<const model::ObjectBase*, std::vector<const analysis::Routability::PoolEvidence*>> outside;
    std::vector<const model::ObjectBase*> order;
    for (const auto& e : r.hybrid_pools()) {
      auto cidr = Cidr::parse(e.cidr);
      if (!cidr || !e.object || r.remote_pod_networks().contains(*cidr)) continue;
      if (!outside.count(e.object)) order.push_back(e.object);
      outside[e.object].push_back(&e);
    }
    for (const model::ObjectBase* o : order) {
      std::string ranges, sources;
      std::vector<std::string> cidrs;
      for (const auto* e : outside[o]) {
        ranges += (ranges.empty() ? "" : ", ") + e->cidr;
        cidrs.push_back(Cidr::parse(e->cidr)->str());
        if (sources.find(e->source) == std::string::npos) sources += (sources.empty() ? "" : ", ") + e->source;
      }
      std::string networks;
      for (const Cidr& c : r.remote_pod_networks().blocks()) networks += (networks.empty() ? "" : ", ") + c.str();
      std::string message = "Pod range " + ranges + " (" + sources +
                            ") serves hybrid nodes but is not inside "
                            "remotePodNetworks (" +
                            networks +
                            "): the control plane cannot reach pods given "
                            "addresses from it";
      Finding f = make_finding(info(), Severity::Error, *o, message + ".");
      f.fix_note =
          "Add the range to remotePodNetworks (the update replaces the whole list, so the command "
          "repeats the configured networks), or shrink the pool into remotePodNetworks; then make "
          "sure the "
          "on-prem router and BGP advertise it.";
      f.fixes.push_back(fix::ChangeNetwork{f.fix_note, update_command(ctx.snapshot, r, cidrs)});
      ctx.findings.push_back(std::move(f));
    }
  }

  void check_bgp_coverage(RuleContext& ctx, const analysis::Routability& r) const {
    std::vector<const model::Node*> advertised, silent;
    for (const model::Node& n : ctx.snapshot.nodes) {
      if (!n.is_hybrid()) continue;
      (r.advertised(n) ? advertised : silent).push_back(&n);
    }
    if (advertised.empty() || silent.empty()) return;
    std::string missing;
    for (size_t i = 0; i < silent.size() && i < 5; ++i) missing += (i ? ", " : "") + silent[i]->meta.name;
    if (silent.size() > 5) missing += " and " + std::to_string(silent.size() - 5) + " more";
    for (const model::BgpAdvertiser& b : ctx.snapshot.bgp_advertisers) {
      bool covers_some = false;
      for (const model::Node* n : advertised) covers_some = covers_some || r.advertises_pod_cidrs(b, *n);
      if (!covers_some) continue;
      std::string message = describe(b) + " advertises pod CIDRs from " + std::to_string(advertised.size()) + " of " +
                            std::to_string(advertised.size() + silent.size()) + " hybrid nodes; " + missing +
                            (silent.size() == 1 ? " advertises" : " advertise") +
                            " nothing: no route to the pods there is known, so the other rules treat them as "
                            "unknown (could not be confirmed), and unless static routes cover them the control "
                            "plane and the VPC cannot reach them";
      Finding f = make_finding(info(), Severity::Error, b, message + ".");
      f.fix_note =
          "Widen the nodeSelector so that every hybrid node peers and advertises its pod CIDR (for "
          "example "
          "eks.amazonaws.com/compute-type: hybrid).";
      f.fixes.push_back(fix::ChangeNetwork{f.fix_note, ""});
      ctx.findings.push_back(std::move(f));
    }
  }
};

}  // namespace

std::unique_ptr<Rule> make_hn016_pod_pool_outside_remote_network() {
  return std::make_unique<PodPoolOutsideRemoteNetwork>();
}

}  // namespace hybridctl::rules
