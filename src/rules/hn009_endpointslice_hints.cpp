// HN009: the EndpointSlices of a Service using trafficDistribution must
// carry the hints the EndpointSlice controller would set — the document's
// "verify the hints" step, done for every Service at once.
#include <set>

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
        .default_severity = Severity::Warning,
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
    const std::set<std::string_view> in_cloud = cloud_zones(ctx.snapshot);  // once, not per Service
    for (const analysis::traffic::ServiceTraffic& st : ctx.analyses.traffic()) {
      if (!st.service || st.service->traffic_distribution.empty() || !st.endpoints_from_slices) continue;
      if (st.mechanism != analysis::traffic::HintsMechanism::TrafficDistribution) continue;
      check_service(ctx, st, in_cloud);
    }
  }

 private:
  void check_service(RuleContext& ctx, const analysis::traffic::ServiceTraffic& st,
                     const std::set<std::string_view>& in_cloud) const {
    std::string missing, differing;
    bool unzoned = false, hybrid_in_cloud_zone = false;
    for (const auto& e : st.endpoints) {
      // The controller leaves unready endpoints' hints as they were: nothing to expect of them.
      if (!e.controller_ready) continue;
      bool lacks = hints_text(e.observed_hints) == "none";
      if (!lacks && same_hints(e.observed_hints, e.expected_hints)) continue;
      std::string line = e.address + (e.node.empty() ? "" : " on " + e.node) +
                         (e.zone.empty() ? " (no zone)" : " (zone " + e.zone + ")");
      unzoned = unzoned || e.zone.empty();
      hybrid_in_cloud_zone =
          hybrid_in_cloud_zone || (e.environment == model::Environment::Hybrid && in_cloud.count(e.zone) > 0);
      if (lacks) {
        missing += (missing.empty() ? "" : ", ") + line;
      } else {
        // A wrong zone is not a missing hint: say what is there and what belongs there.
        differing += (differing.empty() ? "" : ", ") + line + " is hinted " + hints_text(e.observed_hints) +
                     " where the controller would set " + hints_text(e.expected_hints);
      }
    }
    if (missing.empty() && differing.empty()) return;
    std::string message = describe(*st.service) + " uses trafficDistribution: " + st.service->traffic_distribution +
                          ", but its EndpointSlices do not carry the hints the EndpointSlice controller would set";
    if (!missing.empty()) message += "; without hints: " + missing;
    if (!differing.empty()) message += "; different: " + differing;
    if (!st.hints_removed_reason.empty())
      message += " (the controller would set none: " + st.hints_removed_reason + ")";
    message +=
        missing.empty() ? "." : ". kube-proxy ignores the Service's hints in every zone while one endpoint lacks them.";
    Finding f = make_finding(info(), Severity::Warning, *st.service, message);
    // Name only the causes that apply to these endpoints.
    std::vector<std::string> causes;
    if (unzoned) causes.push_back("label every hybrid node with topology.kubernetes.io/zone (HN006)");
    if (hybrid_in_cloud_zone)
      causes.push_back("give the hybrid nodes a zone of their own, not a cloud node's zone (HN006)");
    if (!st.hints_removed_reason.empty())
      causes.push_back("remove what makes the controller drop the hints (" + st.hints_removed_reason + ")");
    if (causes.empty()) {
      f.fix_note =
          "The zones are in order: the hints are stale or were written by another controller. The EndpointSlice "
          "controller rewrites them at its next sync of the Service (any endpoint change); check that the slices "
          "carry endpointslice.kubernetes.io/managed-by: endpointslice-controller.k8s.io.";
    } else {
      f.fix_note = "EndpointSlices are written by the controller: ";
      for (size_t i = 0; i < causes.size(); ++i) f.fix_note += (i ? "; " : "") + causes[i];
      f.fix_note += ". It then rewrites the hints.";
    }
    ctx.findings.push_back(std::move(f));
  }
};

}  // namespace

std::unique_ptr<Rule> make_hn009_endpointslice_hints() { return std::make_unique<EndpointSliceHints>(); }

}  // namespace hybridctl::rules
