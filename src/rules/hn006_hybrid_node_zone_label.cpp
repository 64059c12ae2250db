// HN006: a hybrid node without a zone label voids topology routing; one in a
// cloud node's zone makes PreferClose send that zone's traffic across.
#include <map>
#include <set>

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
        .default_severity = Severity::Error,
        .severity = "error",
        .fires_when =
            "A hybrid node has no topology.kubernetes.io/zone label, or its zone is also a cloud node's zone.",
        .rationale =
            "Cloud nodes get their availability zone automatically; hybrid nodes do not. The EndpointSlice "
            "controller gives an endpoint on an unzoned node no hint, and kube-proxy then ignores the hints of that "
            "whole Service in every zone; with topology-mode: Auto one unzoned ready node removes hints from every "
            "such Service. A hybrid node in a cloud zone shares that zone's hints with the cloud endpoints, so "
            "PreferClose sends that zone's traffic across the VPN.",
        .fix =
            "Set the label in the nodeadm NodeConfig (kubelet flags --node-labels=topology.kubernetes.io/zone=ZONE, "
            "durable across re-registration), or now: kubectl label node NAME topology.kubernetes.io/zone=ZONE "
            "(--overwrite for a cloud zone), ZONE being the zone the other hybrid nodes use (onprem when none has "
            "one).",
        .needs_nodes = true,
        .reads = {Input::Node, Input::Pod, Input::Workloads, Input::DaemonSet, Input::Service, Input::EndpointSlice,
                  Input::ConfigMap, Input::CniPodPools, Input::DescribeCluster},
    };
    return i;
  }

  void check(RuleContext& ctx) const override {
    const std::set<std::string_view> in_cloud = cloud_zones(ctx.snapshot);
    const std::string suggested = suggested_hybrid_zone(ctx.snapshot);
    for (const model::Node& n : ctx.snapshot.nodes) {
      if (!n.is_hybrid()) continue;
      if (n.zone().empty()) {
        report_unzoned(ctx, n, suggested);
      } else if (in_cloud.count(n.zone())) {
        report_shared_zone(ctx, n, suggested);
      }
    }
  }

 private:
  void add_label_fix(const model::Node& n, const std::string& zone, Finding& f) const {
    fix::LabelNode label{n.meta.name, model::kZoneLabel, zone, std::nullopt};
    if (!n.zone().empty()) label.current = std::string(n.zone());
    f.fixes.push_back(std::move(label));
    f.fix_note = "Label the node topology.kubernetes.io/zone=" + zone +
                 " now, and make it durable in the nodeadm NodeConfig (spec.kubelet.flags: "
                 "[\"--node-labels=topology.kubernetes.io/zone=" +
                 zone + "\"]) so the label survives re-registration.";
  }

  void report_unzoned(RuleContext& ctx, const model::Node& n, const std::string& zone) const {
    std::vector<std::string> voided = services_voided_by(ctx, n);
    std::string message = "Hybrid node " + n.meta.name + " has no topology.kubernetes.io/zone label";
    if (voided.empty()) {
      message += ", so Services cannot keep traffic in its zone with trafficDistribution";
    } else {
      message += ", so Services using topology routing (" + first_few(voided) + ") lose it in every zone";
    }
    Finding f = make_finding(info(), Severity::Error, n, message + ".");
    add_label_fix(n, zone, f);
    ctx.findings.push_back(std::move(f));
  }

  // A hybrid node in a cloud zone: the controller hints its endpoints to that
  // zone like the cloud ones, and PreferClose spreads the zone's clients over
  // both environments — the traffic model gives the share that crosses.
  void report_shared_zone(RuleContext& ctx, const model::Node& n, const std::string& zone) const {
    double crossing = 0, clients = 0;
    std::vector<std::string> services;
    for (const analysis::traffic::ServiceTraffic& st : ctx.analyses.traffic()) {
      if (!st.service || st.mechanism == analysis::traffic::HintsMechanism::None) continue;
      bool touched = false;
      for (const auto& r : st.routes) {
        if (r.from_zone != n.zone()) continue;
        double c = r.cloud_clients, h = r.hybrid_clients;
        double crossed = c * r.to_hybrid + h * (1.0 - r.to_hybrid);
        if (r.endpoints.empty()) continue;
        crossing += crossed;
        clients += c + h;
        touched = touched || crossed > 0;
      }
      if (touched) services.push_back(st.service->meta.ns + "/" + st.service->meta.name);
    }
    std::string message = "Hybrid node " + n.meta.name +
                          " is labelled topology.kubernetes.io/zone=" + std::string(n.zone()) +
                          ", a zone cloud nodes also use: hybrid and cloud endpoints share that zone's hints, so "
                          "PreferClose sends its clients across the VPN";
    if (!services.empty() && clients > 0) {
      message += " (" + percent(crossing / clients) + " of zone " + std::string(n.zone()) +
                 "'s connections cross between the VPC and on premises, per the traffic model; Services: " +
                 first_few(services) + ")";
    }
    Finding f = make_finding(info(), Severity::Error, n, message + ".");
    add_label_fix(n, zone, f);
    ctx.findings.push_back(std::move(f));
  }

  static std::string first_few(const std::vector<std::string>& names) {
    std::string list;
    for (size_t i = 0; i < names.size() && i < 5; ++i) list += (i ? ", " : "") + names[i];
    if (names.size() > 5) list += " and " + std::to_string(names.size() - 5) + " more";
    return list;
  }

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
