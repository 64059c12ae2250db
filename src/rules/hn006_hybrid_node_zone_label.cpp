// HN006: a hybrid node without a zone label voids topology routing.
#include "analysis/traffic/traffic_model.h"
#include "rules/registry.h"
#include "rules/rule_helpers.h"

namespace hybridctl::rules {
namespace {

class HybridNodeZoneLabel final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo i{
        .id = "HN006",
        .name = "hybrid-node-zone-label",
        .severity = "error",
        .fires_when = "A hybrid node has no topology.kubernetes.io/zone label.",
        .rationale =
            "Cloud nodes get their availability zone automatically; hybrid nodes do not. The EndpointSlice "
            "controller gives an endpoint on an unzoned node no hint, and kube-proxy then ignores the hints of that "
            "whole Service in every zone; with topology-mode: Auto one unzoned ready node removes hints from every "
            "such Service.",
        .fix =
            "Set the label in the nodeadm NodeConfig (kubelet flags "
            "--node-labels=topology.kubernetes.io/zone=onprem, durable across re-registration), or now: kubectl "
            "label node NAME topology.kubernetes.io/zone=onprem.",
        .needs_nodes = true,
        .reads = {Input::Node, Input::Pod, Input::Workloads, Input::DaemonSet, Input::Service, Input::EndpointSlice,
                  Input::ConfigMap, Input::CniPodPools, Input::DescribeCluster},
    };
    return i;
  }

  void check(RuleContext& ctx) const override {
    for (const model::Node& n : ctx.snapshot.nodes) {
      if (!n.is_hybrid() || !n.zone().empty()) continue;
      std::vector<std::string> voided = services_voided_by(ctx, n);
      std::string message = "Hybrid node " + n.meta.name + " has no topology.kubernetes.io/zone label";
      if (voided.empty()) {
        message += ", so Services cannot keep traffic in its zone with trafficDistribution";
      } else {
        std::string list;
        for (size_t i = 0; i < voided.size() && i < 5; ++i) list += (i ? ", " : "") + voided[i];
        if (voided.size() > 5) list += " and " + std::to_string(voided.size() - 5) + " more";
        message += ", so Services using topology routing (" + list + ") lose it in every zone";
      }
      Finding f = make_finding(info(), Severity::Error, n, message + ".");
      f.fixes.push_back(fix::LabelNode{n.meta.name, model::kZoneLabel, "onprem"});
      f.fix_note =
          "Label the node now, and add --node-labels=topology.kubernetes.io/zone=onprem to the kubelet "
          "flags of the nodeadm NodeConfig so the label survives re-registration.";
      ctx.findings.push_back(std::move(f));
    }
  }

 private:
  // The Services whose hints this node removes, per the traffic model: with
  // trafficDistribution those with an endpoint on it (that endpoint gets no
  // hint, and kube-proxy then ignores every hint of the Service); with
  // topology-mode Auto every one, if the node counts in the controller's
  // census (Ready, not a control-plane node).
  static std::vector<std::string> services_voided_by(RuleContext& ctx, const model::Node& node) {
    bool in_census = node.ready.value_or(true) && !node.meta.labels.contains("node-role.kubernetes.io/control-plane") &&
                     !node.meta.labels.contains("node-role.kubernetes.io/master");
    std::vector<std::string> out;
    for (const analysis::traffic::ServiceTraffic& st : ctx.analyses.traffic()) {
      if (!st.service) continue;
      bool voided = false;
      if (st.mechanism == analysis::traffic::HintsMechanism::TopologyAuto) {
        voided = in_census;
      } else if (st.mechanism == analysis::traffic::HintsMechanism::TrafficDistribution) {
        for (const auto& e : st.endpoints) voided = voided || e.node == node.meta.name;
      }
      if (voided) out.push_back(st.service->meta.ns + "/" + st.service->meta.name);
    }
    return out;
  }
};

}  // namespace

std::unique_ptr<Rule> make_hn006_hybrid_node_zone_label() { return std::make_unique<HybridNodeZoneLabel>(); }

}  // namespace hybridctl::rules
