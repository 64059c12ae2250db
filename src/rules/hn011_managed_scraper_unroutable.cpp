// HN011: the Amazon Managed Service for Prometheus managed collector scrapes
// from the VPC, so it cannot reach hybrid pods whose network is not routable.
#include "rules/registry.h"
#include "rules/rule_helpers.h"

namespace hybridctl::rules {
namespace {

// The user the managed collector authenticates as (its access entry maps
// the scraper's role to it; the AMP docs' RBAC binds this name).
constexpr const char* kCollectorUser = "aps-collector-user";

bool binds_collector_user(const model::ClusterRoleBinding& b) {
  for (const model::Subject& s : b.subjects) {
    if (s.kind == "User" && s.name == kCollectorUser) return true;
  }
  return false;
}

// Pods on hybrid nodes that the VPC reaches all the same (hostNetwork ones at
// their node IPs): when every one in the input is, nothing is missed.
bool every_hybrid_pod_reachable(RuleContext& ctx) {
  bool any = false;
  for (const model::Pod& p : ctx.snapshot.pods) {
    const model::Node* n = ctx.snapshot.node(p.spec.node_name);
    if (!n || !n->is_hybrid() || p.finished()) continue;
    any = true;
    if (!ctx.analyses.reachability().of_pod(p, *n).reachable()) return false;
  }
  return any;
}

class ManagedScraperUnroutable final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo i{
        .id = "HN011",
        .name = "managed-scraper-unroutable",
        .default_severity = Severity::Warning,
        .severity = "warning; info when routability is only unknown",
        .fires_when =
            "An Amazon Managed Service for Prometheus managed collector is present (a ClusterRoleBinding to user "
            "aps-collector-user) and hybrid pods are not routable.",
        .rationale =
            "The managed collector runs outside the cluster, in the VPC: it scrapes pod IPs directly, so metrics of "
            "pods on hybrid nodes whose pod CIDR the VPC cannot route to are silently missing.",
        .fix =
            "Use the managed collector for the control plane and cloud nodes, and an ADOT collector (EKS add-on) "
            "pinned to hybrid nodes for the hybrid pods (see HN013).",
        .reads = {Input::Node, Input::Pod, Input::ConfigMap, Input::ClusterRoleBinding, Input::OpenTelemetryCollector,
                  Input::CniPodPools, Input::BgpAdvertisements, Input::DescribeCluster},
    };
    return i;
  }

  void check(RuleContext& ctx) const override {
    // Hybrid nodes must exist (or be assumed: no nodes means manifests for a mixed cluster).
    if (ctx.snapshot.has_nodes() && !ctx.analyses.has_hybrid_nodes()) return;
    const auto& routability = ctx.analyses.routability();
    model::PodNetwork net = routability.cluster_wide();
    if (net == model::PodNetwork::Routable) return;
    if (every_hybrid_pod_reachable(ctx)) return;
    // The document's split is in place: hybrid pods are scraped on premises.
    if (hybrid_scraping_collector(ctx.snapshot)) return;
    for (const model::ClusterRoleBinding& b : ctx.snapshot.cluster_role_bindings) {
      if (!binds_collector_user(b)) continue;
      std::string message = "ClusterRoleBinding " + b.meta.name +
                            " grants the Amazon Managed Service for "
                            "Prometheus managed collector (user " +
                            kCollectorUser +
                            ") access, but it scrapes from "
                            "the VPC and cannot reach hybrid pods";
      Severity sev = severity_for_pod_network(Severity::Warning, net);
      if (net == model::PodNetwork::Unknown) {
        message += " unless their pod CIDR is routable, which could not be confirmed (" + routability.reason() + ")";
      }
      Finding f = make_finding(info(), sev, b, message + ".");
      std::string cluster = ctx.snapshot.cluster_info && !ctx.snapshot.cluster_info->name.empty()
                                ? ctx.snapshot.cluster_info->name
                                : "CLUSTER";
      f.fix_note =
          "Keep the managed collector for the control plane and cloud nodes, and scrape hybrid "
          "pods with an ADOT collector pinned to hybrid nodes (OpenTelemetryCollector with "
          "compute-type In [hybrid] and the hybrid keep rule, see HN013); or make the on-prem pod "
          "CIDR routable from the "
          "VPC.";
      f.fixes.push_back(
          fix::ChangeNetwork{f.fix_note, "aws eks create-addon --cluster-name " + cluster + " --addon-name adot"});
      ctx.findings.push_back(std::move(f));
    }
  }
};

}  // namespace

std::unique_ptr<Rule> make_hn011_managed_scraper_unroutable() { return std::make_unique<ManagedScraperUnroutable>(); }

}  // namespace hybridctl::rules
