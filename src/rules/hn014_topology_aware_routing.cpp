// HN014: Topology Aware Routing (`topology-mode: Auto`) in a mixed cluster:
// its CPU-proportional allocation and safeguards were designed for cloud
// zones of similar size, not for an on-premises zone across a VPN.
#include <map>

#include "analysis/traffic/traffic_model.h"
#include "k8s/traffic_distribution.h"
#include "rules/registry.h"
#include "rules/rule_helpers.h"

namespace hybridctl::rules {
namespace {

// Removes the annotation(s) that select Topology Aware Hints (they win over
// trafficDistribution) and sets PreferClose.
void add_switch_to_prefer_close(const model::Service& svc, Finding& f) {
  for (std::string_view key : {k8s::kTopologyAwareHintsAnnotation, k8s::kTopologyModeAnnotation}) {
    if (!svc.meta.annotations.contains(key)) continue;
    f.fixes.emplace_back(
        fix::RemoveAnnotation{svc.ref(), std::string(key), std::string(svc.meta.annotations.get(key))});
  }
  f.fixes.emplace_back(fix::SetTrafficDistribution{svc.ref(), svc.traffic_distribution, "PreferClose"});
}

class TopologyAwareRouting final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo i{
        .id = "HN014",
        .name = "topology-aware-routing",
        .default_severity = Severity::Warning,
        .severity =
            "info; warning when the controller's safeguards drop the hints or the allocation sends traffic across "
            "environments",
        .fires_when =
            "A Service in a mixed cluster uses service.kubernetes.io/topology-mode: Auto (or the older "
            "topology-aware-hints annotation, which wins when both are set).",
        .rationale =
            "Topology Aware Hints allocate endpoints to zones in proportion to each zone's allocatable CPU. An "
            "on-premises zone with CPU but few endpoints borrows cloud endpoints (its clients are sent across the "
            "VPN by design), a zone without enough endpoints or one node without a zone label removes every hint, "
            "and the annotation overrides trafficDistribution. PreferClose keeps each zone's traffic on its own "
            "endpoints with none of these surprises.",
        .fix = "Remove the topology-mode / topology-aware-hints annotation and set trafficDistribution: PreferClose.",
        .needs_nodes = true,
        .reads = {Input::Node, Input::Pod, Input::Workloads, Input::DaemonSet, Input::Service, Input::EndpointSlice,
                  Input::ConfigMap, Input::CniPodPools, Input::DescribeCluster},
    };
    return i;
  }

  void check(RuleContext& ctx) const override {
    if (!ctx.analyses.mixed()) return;
    std::map<std::string, model::Environment> zone_env;
    for (const model::Node& n : ctx.snapshot.nodes) {
      if (!n.zone().empty()) zone_env.emplace(std::string(n.zone()), n.environment());
    }
    for (const analysis::traffic::ServiceTraffic& st : ctx.analyses.traffic()) {
      if (!st.service || st.mechanism != analysis::traffic::HintsMechanism::TopologyAuto) continue;
      check_service(ctx, st, zone_env);
    }
  }

 private:
  void check_service(RuleContext& ctx, const analysis::traffic::ServiceTraffic& st,
                     const std::map<std::string, model::Environment>& zone_env) const {
    const model::Service& svc = *st.service;
    std::string crossing;
    for (const auto& e : st.endpoints) {
      if (!e.expected_hints) continue;
      for (const auto& z : e.expected_hints->for_zones) {
        auto it = zone_env.find(z);
        if (it == zone_env.end() || it->second == e.environment) continue;
        crossing += (crossing.empty() ? "" : ", ") + e.address + " (" + model::environment_name(e.environment) +
                    ", zone " + e.zone + ") hinted for " + z;
      }
    }
    std::string message = describe(svc) + " uses Topology Aware Routing (topology-mode: Auto)";
    Severity severity = Severity::Info;
    if (!st.hints_removed_reason.empty()) {
      severity = Severity::Warning;
      message += "; its safeguards drop every hint today (" + st.hints_removed_reason +
                 "), so every client uses every endpoint, across environments";
    } else if (!crossing.empty()) {
      severity = Severity::Warning;
      message += "; the CPU-proportional allocation hints endpoints across environments: " + crossing +
                 ", so those clients cross the VPN by design";
    } else {
      message += "; today its hints stay within each environment, but they follow CPU shares, not the network";
    }
    if (!svc.traffic_distribution.empty()) message += " (the annotation overrides its trafficDistribution)";
    message += ".";
    Finding f = make_finding(info(), severity, svc, message);
    add_switch_to_prefer_close(svc, f);
    f.fix_note = "Removes the topology annotation and sets trafficDistribution: PreferClose (Kubernetes 1.31+).";
    ctx.findings.push_back(std::move(f));
  }
};

}  // namespace

std::unique_ptr<Rule> make_hn014_topology_aware_routing() { return std::make_unique<TopologyAwareRouting>(); }

}  // namespace hybridctl::rules
