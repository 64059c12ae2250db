// HN001: the API server calls a backend whose ready endpoint runs on a
// hybrid node it cannot reach.
#include <set>

#include "analysis/ownership.h"
#include "rules/registry.h"
#include "rules/rule_helpers.h"

namespace hybridctl::rules {
namespace {

class BackendUnreachable final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo i{
        .id = "HN001",
        .name = "backend-unreachable",
        .severity =
            "critical if any webhook calling it has failurePolicy Fail (the v1 default) or it is an APIService or "
            "conversion webhook; error if every caller is Ignore; one lower when routability is only unknown",
        .fires_when =
            "A control-plane-called backend (admission webhook, CRD conversion webhook, APIService) has a ready "
            "endpoint pod on a hybrid node whose pod network is not routable.",
        .rationale =
            "The EKS control plane reaches pods only through remotePodNetworks. A webhook whose pod sits on an "
            "unroutable hybrid node times out: with failurePolicy Fail every matching request is rejected, with "
            "Ignore each waits up to timeoutSeconds and the policy is silently skipped; an unreachable APIService "
            "breaks discovery (kubectl, namespace deletion, HPA).",
        .fix =
            "Required nodeAffinity eks.amazonaws.com/compute-type NotIn [hybrid] on the owning workload, or make the "
            "pod CIDR routable.",
        .needs_nodes = true,
        .reads = {Input::Node, Input::Pod, Input::Workloads, Input::DaemonSet, Input::Service, Input::EndpointSlice,
                  Input::Namespace, Input::MutatingWebhookConfiguration, Input::ValidatingWebhookConfiguration,
                  Input::APIService, Input::CustomResourceDefinition, Input::ConfigMap, Input::CniPodPools,
                  Input::BgpAdvertisements, Input::DescribeCluster},
    };
    return i;
  }

  void check(RuleContext& ctx) const override {
    const auto& routability = ctx.analyses.routability();
    std::set<const model::ObjectBase*> reported;
    for (const analysis::Backend& b : ctx.analyses.backends()) {
      for (const model::Pod* pod : b.ready_endpoints) {
        const model::Node* node = ctx.snapshot.node(pod->spec.node_name);
        if (!node || !node->is_hybrid()) continue;
        model::PodNetwork net = routability.of_pod(*pod, *node);
        if (net == model::PodNetwork::Routable) continue;
        const model::Workload* w = analysis::workload_of_pod(ctx.snapshot, *pod);
        const model::ObjectBase& subject = w ? static_cast<const model::ObjectBase&>(*w) : *pod;
        if (!reported.insert(&subject).second) continue;
        Severity sev = b.fails_closed() ? Severity::Critical : Severity::Error;
        std::string message = "Service " + b.ns + "/" + b.service_name + " (called by " + b.describe_callers() +
                              ") has ready pod " + pod->meta.name + " (" + pod->pod_ip + ") on hybrid node " +
                              node->meta.name + ", which the control plane cannot reach";
        if (net == model::PodNetwork::Unknown) {
          sev = lower(sev);
          message += " unless the pod CIDR is routable, which could not be confirmed (" + routability.reason() + ")";
        }
        Finding f = make_finding(info(), sev, subject, message + ".");
        if (w) add_keep_in_cloud_fix(ctx.analyses, *w, f);
        ctx.findings.push_back(std::move(f));
      }
    }
  }
};

}  // namespace

std::unique_ptr<Rule> make_hn001_backend_unreachable() { return std::make_unique<BackendUnreachable>(); }

}  // namespace hybridctl::rules
