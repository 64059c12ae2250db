// HN006: a hybrid node without a zone label voids topology routing.
#include "rules/registry.h"
#include "rules/rule_helpers.h"

namespace hybridctl::rules {
namespace {

bool uses_topology(const model::Service& s) {
  if (!s.traffic_distribution.empty()) return true;
  auto mode = s.meta.annotations.get("service.kubernetes.io/topology-aware-hints",
                                     s.meta.annotations.get("service.kubernetes.io/topology-mode"));
  return mode == "Auto" || mode == "auto";
}

class HybridNodeZoneLabel final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo i{
        "HN006", "hybrid-node-zone-label", "error",
        "A hybrid node has no topology.kubernetes.io/zone label.",
        "Cloud nodes get their availability zone automatically; hybrid nodes do not. The EndpointSlice controller "
        "gives an endpoint on an unzoned node no hint, and kube-proxy then ignores the hints of that whole Service "
        "in every zone; with topology-mode: Auto one unzoned ready node removes hints from every such Service.",
        "Set the label in the nodeadm NodeConfig (kubelet flags --node-labels=topology.kubernetes.io/zone=onprem, "
        "durable across re-registration), or now: kubectl label node NAME topology.kubernetes.io/zone=onprem.",
        true};
    return i;
  }

  void check(RuleContext& ctx) const override {
    std::string services;
    size_t count = 0;
    for (const model::Service& s : ctx.snapshot.services) {
      if (!uses_topology(s)) continue;
      if (count++ < 5) services += (services.empty() ? "" : ", ") + s.meta.ns + "/" + s.meta.name;
    }
    if (count > 5) services += " and " + std::to_string(count - 5) + " more";
    for (const model::Node& n : ctx.snapshot.nodes) {
      if (!n.is_hybrid() || !n.zone().empty()) continue;
      std::string message = "Hybrid node " + n.meta.name + " has no topology.kubernetes.io/zone label";
      message += count ? ", so Services using topology routing (" + services + ") lose it in every zone"
                       : ", so Services cannot keep traffic in its zone with trafficDistribution";
      Finding f = make_finding(info(), Severity::Error, n, message + ".");
      f.fixes.push_back(fix::LabelNode{n.meta.name, model::kZoneLabel, "onprem"});
      f.fix_note = "Label the node now, and add --node-labels=topology.kubernetes.io/zone=onprem to the kubelet "
                   "flags of the nodeadm NodeConfig so the label survives re-registration.";
      ctx.findings.push_back(std::move(f));
    }
  }
};

}  // namespace

std::unique_ptr<Rule> make_hn006_hybrid_node_zone_label() { return std::make_unique<HybridNodeZoneLabel>(); }

}  // namespace hybridctl::rules
