// HN017: a hybrid node's InternalIP lies outside remoteNodeNetworks.
#include "core/cidr.h"
#include "rules/registry.h"
#include "rules/rule_helpers.h"

namespace hybridctl::rules {
namespace {

class NodeIpOutsideRemoteNetwork final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo i{
        .id = "HN017",
        .name = "node-ip-outside-remote-network",
        .default_severity = Severity::Error,
        .severity = "error",
        .fires_when = "A hybrid node's InternalIP is not inside remoteNodeNetworks.",
        .rationale =
            "nodeadm refuses to join such a node; a node already joined loses control-plane reach to its kubelet "
            "(logs, exec, port-forward, metrics).",
        .fix =
            "Widen remoteNodeNetworks (aws eks update-cluster-config --remote-network-config ...; the update "
            "replaces the whole list) or move the node into it.",
        .needs_nodes = true,
        .reads = {Input::Node, Input::DescribeCluster},
    };
    return i;
  }

  void check(RuleContext& ctx) const override {
    const auto& r = ctx.analyses.routability();
    if (r.remote_node_networks().empty()) return;
    std::string current;
    for (const Cidr& c : r.remote_node_networks().blocks()) current += (current.empty() ? "" : ",") + c.str();
    for (const model::Node& n : ctx.snapshot.nodes) {
      if (!n.is_hybrid() || n.internal_ip.empty()) continue;
      auto ip = IpAddress::parse(n.internal_ip);
      if (!ip || r.remote_node_networks().contains(*ip)) continue;
      Finding f = make_finding(info(), Severity::Error, n,
                               "Hybrid node " + n.meta.name + " has InternalIP " + n.internal_ip +
                                   ", outside remoteNodeNetworks (" + current + ").");
      std::string command =
          "aws eks update-cluster-config --name CLUSTER --remote-network-config "
          "'{\"remoteNodeNetworks\":[{\"cidrs\":[\"" +
          current + "\",\"" + n.internal_ip +
          "/32\"]}]}'  # repeat remotePodNetworks too: the update replaces the whole configuration";
      f.fixes.push_back(fix::ChangeNetwork{"widen remoteNodeNetworks to include " + n.internal_ip, command});
      f.fix_note = info().fix;
      ctx.findings.push_back(std::move(f));
    }
  }
};

}  // namespace

std::unique_ptr<Rule> make_hn017_node_ip_outside_remote_network() {
  return std::make_unique<NodeIpOutsideRemoteNetwork>();
}

}  // namespace hybridctl::rules
