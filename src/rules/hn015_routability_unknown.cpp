// HN015: hybrid nodes exist and nothing tells whether their pods are routable.
#include "rules/registry.h"
#include "rules/rule_helpers.h"

namespace hybridctl::rules {
namespace {

class RoutabilityUnknown final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo i{
        .id = "HN015",
        .name = "routability-unknown",
        .default_severity = Severity::Info,
        .severity = "info",
        .fires_when = "Hybrid nodes exist and the cluster-wide pod network routability is unknown.",
        .rationale =
            "Whether the control plane and the VPC can reach hybrid pods decides which webhook, load balancer and "
            "east-west findings apply; without evidence those rules report one severity lower.",
        .fix =
            "Pass --pod-network, --remote-pod-network, the `aws eks describe-cluster` output, or the CNI's BGP "
            "objects.",
        .needs_nodes = true,
        .reads = {Input::Node, Input::Pod, Input::ConfigMap, Input::CniPodPools, Input::BgpAdvertisements,
                  Input::DescribeCluster},
    };
    return i;
  }

  void check(RuleContext& ctx) const override {
    if (!ctx.analyses.has_hybrid_nodes()) return;
    const auto& r = ctx.analyses.routability();
    if (r.cluster_wide() != model::PodNetwork::Unknown) return;
    model::ObjectBase cluster;
    cluster.kind = "Cluster";
    cluster.meta.name = ctx.snapshot.cluster_info && !ctx.snapshot.cluster_info->name.empty()
                            ? ctx.snapshot.cluster_info->name
                            : "cluster";
    if (ctx.snapshot.cluster_info) cluster.origin = ctx.snapshot.cluster_info->origin;
    Finding f = make_finding(info(), Severity::Info, cluster,
                             "The routability of hybrid pod IPs could not be determined: " + r.reason() + ".");
    f.subject = nullptr;
    f.fix_note = info().fix;
    ctx.findings.push_back(std::move(f));
  }
};

}  // namespace

std::unique_ptr<Rule> make_hn015_routability_unknown() { return std::make_unique<RoutabilityUnknown>(); }

}  // namespace hybridctl::rules
