// HN007: Services in a mixed cluster should keep traffic on its side with
// trafficDistribution: PreferClose — kube-dns above all — and the feature
// must exist in the cluster's (and kube-proxy's) version.
#include <set>
#include <unordered_map>
#include <vector>

#include "analysis/backends.h"
#include "analysis/cluster_version.h"
#include "analysis/feasibility.h"
#include "analysis/label_pair_index.h"
#include "analysis/ownership.h"
#include "analysis/service_workloads.h"
#include "analysis/traffic/traffic_model.h"
#include "core/parallel.h"
#include "k8s/traffic_distribution.h"
#include "rules/registry.h"
#include "rules/rule_helpers.h"

namespace hybridctl::rules {
namespace {

constexpr analysis::KubeVersion kPreferCloseBeta{1, 31};  // ServiceTrafficDistribution on by default
constexpr analysis::KubeVersion kPreferSameBeta{1, 34};   // PreferSameZone / PreferSameNode (KEP-3015)

// Which environments a Service's backends are in now (its ready endpoint
// pods) or may be placed in (its workloads' templates).
struct Sides {
  bool cloud = false;
  bool hybrid = false;
  bool known = false;  // some backend pod or workload was found
};

// Indexes built once per audit: 10,000 Services must not each scan every
// workload and every pod.
class BackendIndex {
 public:
  explicit BackendIndex(RuleContext& ctx) : ctx_(ctx) {
    for (const model::Workload& w : ctx.snapshot.workloads) workloads_.add(w.meta.ns, w.tmpl.labels, &w);
    for (const analysis::traffic::ServiceTraffic& st : ctx.analyses.traffic()) traffic_[st.service] = &st;
  }

  // The Service's traffic as the cluster runs it (analyses.traffic()), or nullptr.
  const analysis::traffic::ServiceTraffic* traffic_of(const model::Service& svc) const {
    auto it = traffic_.find(&svc);
    return it == traffic_.end() ? nullptr : it->second;
  }

  // The sides of the endpoints (observed, or where the placement puts the
  // missing replicas) and those the Service's workloads can be placed on.
  Sides sides(const model::Service& svc) {
    Sides s;
    if (const analysis::traffic::ServiceTraffic* st = traffic_of(svc)) {
      for (const auto& e : st->endpoints) {
        if (e.node.empty() || (!e.ready && !e.serving)) continue;
        s.known = true;
        (e.environment == model::Environment::Hybrid ? s.hybrid : s.cloud) = true;
      }
    }
    if (!svc.has_selector) return s;
    for (const model::Workload* w : workloads_.matching(svc.meta.ns, svc.selector, template_labels)) {
      const Sides& f = feasibility(*analysis::top_workload(ctx_.snapshot, *w));
      s.known = true;
      s.cloud = s.cloud || f.cloud;
      s.hybrid = s.hybrid || f.hybrid;
    }
    return s;
  }

 private:
  const Sides& feasibility(const model::Workload& w) {
    auto [it, fresh] = feasible_.try_emplace(&w);
    if (fresh) {
      it->second.cloud = analysis::feasible_in(ctx_.snapshot, w.tmpl.spec, model::Environment::Cloud);
      it->second.hybrid = analysis::feasible_in(ctx_.snapshot, w.tmpl.spec, model::Environment::Hybrid);
      it->second.known = true;
    }
    return it->second;
  }

  static const StringMap& template_labels(const model::Workload& w) { return w.tmpl.labels; }

  RuleContext& ctx_;
  analysis::LabelPairIndex<model::Workload> workloads_;
  std::unordered_map<const model::Service*, const analysis::traffic::ServiceTraffic*> traffic_;
  std::unordered_map<const model::Workload*, Sides> feasible_;
};

// The crossing shares as the Service runs now and under PreferClose, from the
// traffic model with observed and simulated endpoints; `known` is false
// without endpoints. The traffic as it runs is the shared model's; only
// PreferClose is modelled here.
struct CrossingShares {
  bool known = false;
  double now_cloud_to_hybrid = 0, now_hybrid_to_cloud = 0;
  double close_cloud_to_hybrid = 0, close_hybrid_to_cloud = 0;

  // PreferClose would change nothing (e.g. internalTrafficPolicy: Local, or
  // endpoints on one side only).
  bool nothing_to_gain() const {
    auto same = [](double a, double b) { return a - b < 0.005 && b - a < 0.005; };
    return known && same(now_cloud_to_hybrid, close_cloud_to_hybrid) &&
           same(now_hybrid_to_cloud, close_hybrid_to_cloud);
  }
  bool crosses_now() const { return now_cloud_to_hybrid >= 0.005 || now_hybrid_to_cloud >= 0.005; }
  // "(simulated: 40% of cloud clients' connections go on premises and 50% of
  // on-premises clients' to the cloud; PreferClose leaves 0% and 0%)"; "" when unknown.
  std::string text() const {
    if (!known) return "";
    return " (simulated: " + percent(now_cloud_to_hybrid) + " of cloud clients' connections go on premises and " +
           percent(now_hybrid_to_cloud) + " of on-premises clients' to the cloud; PreferClose leaves " +
           percent(close_cloud_to_hybrid) + " and " + percent(close_hybrid_to_cloud) + ")";
  }
};

CrossingShares simulated_shares(RuleContext& ctx, const model::Service& svc, const BackendIndex& index) {
  CrossingShares out;
  const analysis::traffic::ServiceTraffic* now = index.traffic_of(svc);
  if (!now || now->endpoints.empty()) return out;
  analysis::traffic::ServiceTraffic close =
      analysis::traffic::model_service(ctx.analyses.traffic_context(), svc, "PreferClose");
  out.known = true;
  out.now_cloud_to_hybrid = now->cloud_to_hybrid;
  out.now_hybrid_to_cloud = now->hybrid_to_cloud;
  out.close_cloud_to_hybrid = close.cloud_to_hybrid;
  out.close_hybrid_to_cloud = close.hybrid_to_cloud;
  return out;
}

class ServiceTrafficDistribution final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo i{
        .id = "HN007",
        .name = "service-traffic-distribution",
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
    BackendIndex index(ctx);
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
      missing.push_back({&svc, kube_dns, kube_dns ? Sides{} : index.sides(svc), {}});
    }
    // Modelling each two-sided Service under PreferClose is most of this
    // rule's work (thousands of Services), and independent per Service: it
    // runs on every core; the findings keep the Services' order.
    parallel_for(missing.size(), worker_threads(), [&](size_t i) {
      Missing& m = missing[i];
      if (!m.kube_dns && m.sides.cloud && m.sides.hybrid) m.simulated = simulated_shares(ctx, *m.service, index);
    });
    for (const Missing& m : missing) check_missing(ctx, m, version);
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
    Sides sides;
    CrossingShares simulated;
  };

  void check_missing(RuleContext& ctx, const Missing& m, const analysis::ClusterVersion& v) const {
    const model::Service& svc = *m.service;
    const Sides& sides = m.sides;
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
                  m.simulated.text() + ".";
      } else if (sides.cloud && sides.hybrid) {
        severity = Severity::Warning;
        message = describe(svc) +
                  " has backends that are, or may be placed, on both cloud and hybrid nodes and "
                  "no trafficDistribution: connections cross between the VPC and the on-premises network" +
                  m.simulated.text() + ".";
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
