// HN004: Service traffic from cloud clients to endpoints on hybrid nodes
// whose pod network the VPC cannot reach: those connections fail. Judged by
// the traffic model — kube-proxy's (or Cilium's) endpoint choice per client
// zone, with its fallback to every endpoint — never by a cruder count.
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "analysis/traffic/traffic_model.h"
#include "rules/registry.h"
#include "rules/rule_helpers.h"

namespace hybridctl::rules {
namespace {

void add_fallback(std::vector<std::pair<std::string, std::string>>& fallbacks, const std::string& why,
                  const std::string& who) {
  for (auto& [reason, names] : fallbacks) {
    if (reason == why) {
      names += ", " + who;
      return;
    }
  }
  fallbacks.emplace_back(why, who);
}

class EastWestUnroutable final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo i{
        .id = "HN004",
        .name = "east-west-unroutable",
        .default_severity = Severity::Error,
        .severity = "error; warning when the pod network's routability is only unknown",
        .fires_when =
            "The traffic model (kube-proxy's endpoint choice, including the fallback to every endpoint when a client "
            "zone has no hinted endpoint, and each node's data plane) sends some share of a cloud client zone's "
            "connections to endpoints on hybrid nodes whose pod network is not routable; or a headless Service has "
            "ready endpoints on such hybrid nodes while cloud nodes exist.",
        .rationale =
            "Cloud nodes reach on-premises pods only through routes to the on-premises pod CIDR. Where the VPC has "
            "none, every connection kube-proxy sends from a cloud node to a hybrid pod times out. Topology hints "
            "keep traffic local only while every cloud zone has an endpoint of its own; a zone without one falls "
            "back to all endpoints, hybrid ones included. A headless Service's DNS name hands out every pod IP, with "
            "no kube-proxy and no hints in between.",
        .fix =
            "Make the on-premises pod CIDR routable (remotePodNetworks and routes from the VPC, e.g. BGP); or keep "
            "an endpoint in every cloud zone and use trafficDistribution: PreferClose (the finding names the zones "
            "that fall back); or run the backends on cloud nodes.",
        .needs_nodes = true,
        .reads = {Input::Node, Input::Pod, Input::Workloads, Input::DaemonSet, Input::Service, Input::EndpointSlice,
                  Input::ConfigMap, Input::CniPodPools, Input::BgpAdvertisements, Input::DescribeCluster},
    };
    return i;
  }

  void check(RuleContext& ctx) const override {
    if (!ctx.analyses.has_hybrid_nodes() || !ctx.analyses.has_cloud_nodes()) return;
    const analysis::Reachability& reachability = ctx.analyses.reachability();
    // Backends the API server calls are HN001/HN002's: their clients are the
    // control plane, not pods behind kube-proxy.
    const auto control_plane_called = control_plane_called_services(ctx.analyses);
    for (const analysis::traffic::ServiceTraffic& st : ctx.analyses.traffic()) {
      if (!st.service || st.service->type == "ExternalName") continue;
      if (control_plane_called.count({st.service->meta.ns, st.service->meta.name})) continue;
      check_service(ctx, reachability, st);
    }
  }

 private:
  void check_service(RuleContext& ctx, const analysis::Reachability& reachability,
                     const analysis::traffic::ServiceTraffic& st) const {
    std::map<std::string, model::PodNetwork> unreachable;  // address -> Unroutable / Unknown
    for (const auto& e : st.endpoints) {
      if (!e.ready && !e.serving) continue;
      model::PodNetwork n = reachability.of_endpoint(e).network;
      if (n != model::PodNetwork::Routable) unreachable[e.address] = n;
    }
    if (unreachable.empty()) return;
    // Endpoints of pods the placement only simulated: "would", not "does".
    bool simulated = false;
    for (const auto& e : st.endpoints) {
      simulated =
          simulated || (e.pod && unreachable.count(e.address) && ctx.analyses.traffic_context().is_simulated(e.pod));
    }
    bool only_unknown = true;
    for (const auto& [address, n] : unreachable) only_unknown = only_unknown && n == model::PodNetwork::Unknown;
    Severity severity = severity_for_pod_network(
        Severity::Error, only_unknown ? model::PodNetwork::Unknown : model::PodNetwork::Unroutable);
    const model::Service& svc = *st.service;
    std::string message;
    if (svc.headless()) {
      message = describe(svc) + " is headless: its DNS name returns every ready pod IP, " +
                std::to_string(unreachable.size()) +
                " of them on hybrid nodes whose pod network cloud clients "
                "cannot reach, so a cloud client fails on those.";
    } else {
      std::string zones;
      // Clients that fell back to every endpoint, grouped by the model's reason: a zone
      // without a hinted endpoint, one endpoint without a hint (which voids every zone's
      // hints), a data plane that ignores hints.
      std::vector<std::pair<std::string, std::string>> fallbacks;  // reason -> who
      for (const auto& r : st.routes) {
        if (r.cloud_clients == 0 || r.endpoints.empty()) continue;
        size_t bad = 0;
        for (const auto& a : r.endpoints) bad += unreachable.count(a);
        if (bad == 0) continue;
        double share = static_cast<double>(bad) / static_cast<double>(r.endpoints.size());
        // A route of its own for one node (a different data plane, a node hint) names the
        // node; a zone's route names the zone, and unzoned nodes share the zone "".
        std::string who = !r.from_node.empty()   ? "node " + r.from_node
                          : !r.from_zone.empty() ? r.from_zone
                                                 : "nodes without a zone label";
        zones += (zones.empty() ? "" : ", ") + percent(share) + " from " + who;
        if (r.fell_back_to_all) add_fallback(fallbacks, r.why, who);
      }
      if (zones.empty()) return;
      message = describe(svc) +
                " sends cloud clients' connections to endpoints on hybrid nodes whose pod network "
                "they cannot reach: " +
                zones + " fail";
      for (const auto& [why, who] : fallbacks) {
        bool several = who.find(", ") != std::string::npos || who.starts_with("nodes ");
        message += " (" + who + (several ? " fall" : " falls") + " back to every endpoint: " + why + ")";
      }
      message += ".";
    }
    if (simulated) message += " (Its pods are not in the input: this is where the simulated placement puts them.)";
    if (only_unknown) message += " Routability of the on-premises pod network could not be confirmed.";
    Finding f = make_finding(info(), severity, svc, message);
    f.fix_note = svc.headless()
                     ? "Make the on-premises pod CIDR routable from the VPC, or keep this Service's pods on cloud "
                       "nodes (required nodeAffinity eks.amazonaws.com/compute-type NotIn [hybrid])."
                     : "Make the on-premises pod CIDR routable from the VPC; or give every cloud zone an endpoint and "
                       "set trafficDistribution: PreferClose; or keep the backends on cloud nodes.";
    f.fixes.push_back(fix::ChangeNetwork{f.fix_note, ""});
    ctx.findings.push_back(std::move(f));
  }
};

}  // namespace

std::unique_ptr<Rule> make_hn004_east_west_unroutable() { return std::make_unique<EastWestUnroutable>(); }

}  // namespace hybridctl::rules
