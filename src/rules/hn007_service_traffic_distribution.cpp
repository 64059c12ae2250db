// HN007: Services in a mixed cluster should keep traffic on its side with
// trafficDistribution: PreferClose — kube-dns above all — and the feature
// must exist in the cluster's (and kube-proxy's) version.
#include <set>
#include <vector>

#include "analysis/backends.h"
#include "analysis/cluster_version.h"
#include "analysis/traffic/prefer_close.h"
#include "core/parallel.h"
#include "k8s/traffic_distribution.h"
#include "rules/registry.h"
#include "rules/rule_helpers.h"

namespace hybridctl::rules {
namespace {

constexpr analysis::KubeVersion kPreferCloseBeta{1, 31};  // ServiceTrafficDistribution on by default
constexpr analysis::KubeVersion kPreferSameBeta{1, 34};   // PreferSameZone / PreferSameNode (KEP-3015)

using analysis::traffic::BackendSides;
using analysis::traffic::CrossingShares;

// "(simulated: 40% of cloud clients' connections go on premises and 50% of
// on-premises clients' to the cloud; PreferClose leaves 0% and 0%)"; "" when unknown.
std::string shares_text(const CrossingShares& shares) {
  if (!shares.known) return "";
  return " (simulated: " + percent(shares.now_cloud_to_hybrid) + " of cloud clients' connections go on premises and " +
         percent(shares.now_hybrid_to_cloud) + " of on-premises clients' to the cloud; PreferClose leaves " +
         percent(shares.close_cloud_to_hybrid) + " and " + percent(shares.close_hybrid_to_cloud) + ")";
}

class ServiceTrafficDistribution final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo i{
        .id = "HN007",
        .name = "service-traffic-distribution",
        .default_severity = Severity::Error,
        .severity =
            "kube-dns without trafficDistribution: error; another Service with backends on (or placeable on) both "
            "sides: warning (info when its backends can only ever be on one side); trafficDistribution on a cluster "
            "older than 1.31: error; kube-proxy older than 1.31: warning",
        .fires_when =
            "In a mixed cluster kube-system/kube-dns has no spec.trafficDistribution, or another Service (not "
            "headless, not ExternalName) has none; or trafficDistribution is used where the cluster or kube-proxy is "
            "too old to honour it.",
        .rationale =
            "Without trafficDistribution kube-proxy spreads connections over every endpoint, so DNS queries and "
            "Service traffic cross the VPN between the on-premises network and the VPC for no reason, adding latency "
            "and failing when the link does. PreferClose (beta and on by default from Kubernetes 1.31) keeps traffic "
            "in the client's zone when it has an endpoint there. Kubelet versions only bound the control plane's "
            "version from below, so a version finding needs --kubernetes-version or describe-cluster output.",
        .fix =
            "kubectl patch svc NAME -n NS --type=merge -p '{\"spec\":{\"trafficDistribution\":\"PreferClose\"}}' "
            "(PreferSameZone, its newer name, from 1.34); upgrade the cluster or kube-proxy where the version is the "
            "problem.",
        .needs_nodes = true,
        .reads = {Input::Node, Input::Pod, Input::Workloads, Input::DaemonSet, Input::Service, Input::EndpointSlice,
                  Input::Namespace, Input::ConfigMap, Input::CniPodPools, Input::DescribeCluster},
    };
    return i;
  }

  void check(RuleContext& ctx) const override {
    if (!ctx.analyses.mixed()) return;
    analysis::ClusterVersion version = analysis::cluster_version(ctx.snapshot);
    // The API server calls webhook and aggregated-API backends itself, not
    // through kube-proxy: trafficDistribution means nothing to them.
    const auto control_plane_only = control_plane_called_services(ctx.analyses);
    size_t services_using_td = 0;
    std::vector<Missing> missing;
    for (const model::Service& svc : ctx.snapshot.services) {
      if (!svc.traffic_distribution.empty()) {
        ++services_using_td;
        check_version(ctx, svc, version);
        continue;
      }
      if (svc.type == "ExternalName" || svc.headless()) continue;
      if (control_plane_only.count({svc.meta.ns, svc.meta.name})) continue;
      // Topology Aware Routing has hints of its own: HN014 judges it.
      if (k8s::topology_annotation_enabled(svc.meta.annotations)) continue;
      bool kube_dns = svc.meta.ns == "kube-system" && svc.meta.name == "kube-dns";
      if (!kube_dns && !svc.has_selector) continue;
      missing.push_back({&svc, kube_dns, kube_dns ? BackendSides{} : ctx.analyses.backend_sides(svc), {}});
    }
    // Modelling each two-sided Service under PreferClose is most of this
    // rule's work (thousands of Services), and independent per Service: it
    // runs on every core; the findings keep the Services' order.
    parallel_for(missing.size(), worker_threads(), [&](size_t i) {
      Missing& m = missing[i];
      if (!m.kube_dns && m.sides.cloud && m.sides.hybrid) m.simulated = ctx.analyses.prefer_close_shares(*m.service);
    });
    const std::string unzoned_reason = unzoned_hybrid_reason(ctx.snapshot);  // once, not per Service
    for (const Missing& m : missing) check_missing(ctx, m, version, unzoned_reason);
    check_kube_proxy(ctx, version, services_using_td);
  }

 private:
  void check_version(RuleContext& ctx, const model::Service& svc, const analysis::ClusterVersion& v) const {
    bool same_family = svc.traffic_distribution == "PreferSameZone" || svc.traffic_distribution == "PreferSameNode";
    analysis::KubeVersion needed = same_family ? kPreferSameBeta : kPreferCloseBeta;
    if (!v.older_than(needed)) return;
    std::string message = describe(svc) + " sets trafficDistribution: " + svc.traffic_distribution +
                          ", but the cluster runs Kubernetes " + v.exact->str() + " (from " + v.source +
                          "): the field is honoured from " + needed.str() +
                          " (earlier it is alpha, off by default), so traffic is spread over every endpoint.";
    Finding f = make_finding(info(), Severity::Error, svc, message);
    f.fix_note = "Upgrade the cluster to " + needed.str() + " or later" +
                 (same_family ? ", or use PreferClose (from 1.31)." : ".");
    ctx.findings.push_back(std::move(f));
  }

  // A Service without trafficDistribution, what its backends' sides are,
  // and for a two-sided one the simulated share of crossing connections.
  struct Missing {
    const model::Service* service;
    bool kube_dns;
    BackendSides sides;
    CrossingShares simulated;
  };

  // Why PreferClose may gain nothing today: the EndpointSlice controller sets
  // no zone hints while an endpoint's node has no zone, and unzoned hybrid
  // nodes are HN006's finding. "" when every hybrid node has a zone.
  static std::string unzoned_hybrid_reason(const model::Snapshot& snapshot) {
    for (const model::Node& n : snapshot.nodes) {
      if (n.environment() == model::Environment::Hybrid && n.zone().empty()) {
        return " That is because hybrid nodes such as " + n.meta.name +
               " have no topology.kubernetes.io/zone label (HN006): once they do, PreferClose can keep traffic "
               "within each zone.";
      }
    }
    return {};
  }

  void check_missing(RuleContext& ctx, const Missing& m, const analysis::ClusterVersion& v,
                     const std::string& unzoned_reason) const {
    const model::Service& svc = *m.service;
    const BackendSides& sides = m.sides;
    Severity severity = Severity::Error;
    std::string message;
    if (m.kube_dns) {
      message =
          "kube-system/kube-dns has no trafficDistribution: DNS queries from on-premises pods go to CoreDNS "
          "replicas in the cloud (and the reverse) across the VPN.";
    } else {
      if (!sides.known) return;
      if (sides.cloud && sides.hybrid && m.simulated.nothing_to_gain()) {
        // Its own simulation shows PreferClose changes nothing (e.g.
        // internalTrafficPolicy: Local already keeps traffic on the node).
        if (!m.simulated.crosses_now()) return;
        severity = Severity::Info;
        message = describe(svc) +
                  " has no trafficDistribution, but PreferClose would not change where its "
                  "connections go" +
                  shares_text(m.simulated) + "." +
                  (svc.internal_traffic_policy == "Local" ? std::string() : unzoned_reason);
      } else if (sides.cloud && sides.hybrid) {
        severity = Severity::Warning;
        message = describe(svc) +
                  " has backends that are, or may be placed, on both cloud and hybrid nodes and "
                  "no trafficDistribution: connections cross between the VPC and the on-premises network" +
                  shares_text(m.simulated) + ".";
      } else {
        severity = Severity::Info;
        message = describe(svc) + " has no trafficDistribution; its backends can only run on " +
                  (sides.hybrid ? "hybrid" : "cloud") +
                  " nodes, so clients on the other side cross anyway, but "
                  "PreferClose keeps same-zone traffic local.";
      }
    }
    Finding f = make_finding(info(), severity, svc, message);
    f.fixes.emplace_back(fix::SetTrafficDistribution{svc.ref(), "", "PreferClose"});
    f.fix_note = "Sets spec.trafficDistribution: PreferClose";
    if (v.at_least(kPreferSameBeta))
      f.fix_note += " (Kubernetes " + v.exact.value_or(*v.lower_bound).str() + " also names it PreferSameZone)";
    if (v.older_than(kPreferCloseBeta)) {
      f.fix_note += "; the cluster runs " + v.exact->str() + ", and the field needs 1.31: upgrade first";
    }
    f.fix_note += ".";
    ctx.findings.push_back(std::move(f));
  }

  void check_kube_proxy(RuleContext& ctx, const analysis::ClusterVersion& v, size_t services_using_td) const {
    if (services_using_td == 0 || !v.kube_proxy || *v.kube_proxy >= kPreferCloseBeta) return;
    const model::Workload* ds = ctx.snapshot.workload(model::WorkloadKind::DaemonSet, "kube-system", "kube-proxy");
    if (!ds) return;
    std::string message = "kube-proxy runs " + v.kube_proxy->str() + ", older than 1.31: it ignores the hints of the " +
                          std::to_string(services_using_td) + " Service(s) using trafficDistribution.";
    Finding f = make_finding(info(), Severity::Warning, *ds, message);
    f.fix_note = "Update kube-proxy (the kube-proxy EKS add-on) to the cluster's version, 1.31 or later.";
    ctx.findings.push_back(std::move(f));
  }
};

}  // namespace

std::unique_ptr<Rule> make_hn007_service_traffic_distribution() {
  return std::make_unique<ServiceTrafficDistribution>();
}

}  // namespace hybridctl::rules
