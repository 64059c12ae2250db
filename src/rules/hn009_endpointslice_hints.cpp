// HN009: the EndpointSlices of a Service using trafficDistribution must
// carry the hints the EndpointSlice controller would set — the document's
// "verify the hints" step, done for every Service at once.
#include "analysis/traffic/traffic_model.h"
#include "rules/registry.h"
#include "rules/rule_helpers.h"

namespace hybridctl::rules {
namespace {

std::string hints_text(const std::optional<model::EndpointHints>& h) {
  if (!h || (h->for_zones.empty() && h->for_nodes.empty())) return "none";
  std::string out;
  for (const auto& z : h->for_zones) out += (out.empty() ? "zone " : ", zone ") + z;
  for (const auto& n : h->for_nodes) out += (out.empty() ? "node " : ", node ") + n;
  return out;
}

bool same_hints(const std::optional<model::EndpointHints>& a, const std::optional<model::EndpointHints>& b) {
  return hints_text(a) == hints_text(b);
}

class EndpointSliceHints final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo i{
        .id = "HN009",
        .name = "endpointslice-hints",
        .severity = "warning",
        .fires_when =
            "A Service uses trafficDistribution but the endpoints of its EndpointSlices lack hints.forZones (or a "
            "zone), or carry hints other than those the EndpointSlice controller would set.",
        .rationale =
            "kube-proxy follows zone hints only when every endpoint of the Service has one; a single endpoint "
            "without a hint (typically on a hybrid node without a zone label) makes every client in every zone use "
            "every endpoint, across the VPN. The source document asks to verify the hints by reading the "
            "EndpointSlices; hybridctl computes what the controller would write and compares.",
        .fix =
            "Label the hybrid nodes with topology.kubernetes.io/zone (HN006) and, with Cilium, set "
            "enable-service-topology (HN008); the controller then rewrites the hints. The finding lists the "
            "endpoints whose hints are missing or differ.",
        .reads = {Input::Node, Input::Pod, Input::Workloads, Input::DaemonSet, Input::Service, Input::EndpointSlice,
                  Input::ConfigMap, Input::CniPodPools, Input::DescribeCluster},
    };
    return i;
  }

  void check(RuleContext& ctx) const override {
    for (const analysis::traffic::ServiceTraffic& st : ctx.analyses.traffic()) {
      if (!st.service || st.service->traffic_distribution.empty() || !st.endpoints_from_slices) continue;
      if (st.mechanism != analysis::traffic::HintsMechanism::TrafficDistribution) continue;
      check_service(ctx, st);
    }
  }

 private:
  void check_service(RuleContext& ctx, const analysis::traffic::ServiceTraffic& st) const {
    std::string missing, differing;
    size_t count = 0;
    for (const auto& e : st.endpoints) {
      // The controller leaves unready endpoints' hints as they were: nothing to expect of them.
      if (!e.controller_ready) continue;
      bool lacks = hints_text(e.observed_hints) == "none";
      if (!lacks && same_hints(e.observed_hints, e.expected_hints)) continue;
      ++count;
      std::string line = e.address + (e.node.empty() ? "" : " on " + e.node) +
                         (e.zone.empty() ? " (no zone)" : " (zone " + e.zone + ")");
      if (lacks) {
        missing += (missing.empty() ? "" : ", ") + line;
      } else {
        differing += (differing.empty() ? "" : ", ") + line + ": " + hints_text(e.observed_hints) + ", expected " +
                     hints_text(e.expected_hints);
      }
    }
    if (count == 0) return;
    std::string message = describe(*st.service) + " uses trafficDistribution: " + st.service->traffic_distribution +
                          ", but its EndpointSlices do not carry the expected hints";
    if (!missing.empty()) message += "; without hints: " + missing;
    if (!differing.empty()) message += "; different: " + differing;
    if (!st.hints_removed_reason.empty())
      message += " (the controller would set none: " + st.hints_removed_reason + ")";
    message += ". kube-proxy ignores the Service's hints in every zone while one endpoint lacks them.";
    Finding f = make_finding(info(), Severity::Warning, *st.service, message);
    f.fix_note =
        "EndpointSlices are written by the controller: label every hybrid node with "
        "topology.kubernetes.io/zone (HN006) and, with Cilium, set enable-service-topology (HN008).";
    ctx.findings.push_back(std::move(f));
  }
};

}  // namespace

std::unique_ptr<Rule> make_hn009_endpointslice_hints() { return std::make_unique<EndpointSliceHints>(); }

}  // namespace hybridctl::rules
