// HN002: the workload behind a control-plane-called backend may be placed on
// a hybrid node while hybrid pods are not routable.
#include <set>

#include "analysis/addons.h"
#include "analysis/feasibility.h"
#include "analysis/ownership.h"
#include "rules/registry.h"
#include "rules/rule_helpers.h"

namespace hybridctl::rules {
namespace {

class BackendMayLandOnHybrid final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo i{
        .id = "HN002",
        .name = "backend-may-land-on-hybrid",
        .default_severity = Severity::Error,
        .severity =
            "error when a calling webhook has failurePolicy Fail or it backs an APIService or conversion webhook; "
            "warning when every caller is Ignore; one lower when routability is only unknown",
        .fires_when =
            "The workload behind a control-plane-called backend is feasible on a hybrid node and the cluster-wide "
            "pod network is not routable (not reported when HN001 already is, nor for add-ons, which HN012 covers).",
        .rationale =
            "Nothing keeps the webhook's pods off hybrid nodes: the next rollout, eviction or scale-up may put one "
            "where the control plane cannot reach it, and the webhook then fails.",
        .fix =
            "Required nodeAffinity eks.amazonaws.com/compute-type NotIn [hybrid], added to every existing "
            "nodeSelectorTerm (terms are ORed).",
        .reads = {Input::Node, Input::Pod, Input::Workloads, Input::DaemonSet, Input::Service, Input::EndpointSlice,
                  Input::Namespace, Input::MutatingWebhookConfiguration, Input::ValidatingWebhookConfiguration,
                  Input::APIService, Input::CustomResourceDefinition, Input::ConfigMap, Input::CniPodPools,
                  Input::BgpAdvertisements, Input::DescribeCluster},
    };
    return i;
  }

  void check(RuleContext& ctx) const override {
    if (ctx.analyses.routability().cluster_wide() == model::PodNetwork::Routable) return;
    const auto& reachability = ctx.analyses.reachability();
    std::set<const model::Workload*> unreachable_now = backend_workloads_unreachable_now(ctx);
    std::set<const model::Workload*> seen;
    for (const analysis::Backend& b : ctx.analyses.backends()) {
      for (const model::Workload* w : b.workloads) {
        if (!seen.insert(w).second || unreachable_now.count(w)) continue;
        if (analysis::recognise_addon(*w, ctx.analyses.backends())) continue;  // HN012's
        if (!analysis::feasible_in(ctx.snapshot, w->tmpl.spec, model::Environment::Hybrid)) continue;
        // A hostNetwork workload is reached at its node's IP: the classic workaround.
        analysis::Reach reach = reachability.of_template_on_hybrid(w->tmpl.spec);
        if (reach.reachable()) continue;
        model::PodNetwork net = reach.network;
        Severity sev = severity_for_pod_network(b.fails_closed() ? Severity::Error : Severity::Warning, net);
        std::string message = describe(*w) + " backs Service " + b.ns + "/" + b.service_name + " (called by " +
                              b.describe_callers() +
                              ") and nothing keeps its pods off hybrid nodes, whose pod "
                              "network the control plane cannot reach";
        if (net == model::PodNetwork::Unknown) message += unconfirmed_routability(reach.why);
        Finding f = make_finding(info(), sev, *w, message + ".");
        add_keep_in_cloud_fix(ctx.analyses, *w, f);
        ctx.findings.push_back(std::move(f));
      }
    }
  }
};

}  // namespace

std::unique_ptr<Rule> make_hn002_backend_may_land_on_hybrid() { return std::make_unique<BackendMayLandOnHybrid>(); }

}  // namespace hybridctl::rules
