// HN001: the API server calls a backend whose ready endpoint runs on a
// hybrid node it cannot reach.
#include <set>

#include "analysis/ownership.h"
#include "core/cidr.h"
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
        .default_severity = Severity::Critical,
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
    const auto& reachability = ctx.analyses.reachability();
    std::set<const model::ObjectBase*> reported;
    for (const analysis::Backend& b : ctx.analyses.backends()) {
      if (!b.url.empty()) {
        check_url(ctx, b);
        continue;
      }
      for (const analysis::ServiceEndpoint& e : b.endpoints.endpoints) {
        // Cloud endpoints are reachable; one whose environment is unknown may be on premises (never cloud by default).
        if (e.location.environment == analysis::EndpointEnvironment::Cloud) continue;
        if (e.location.environment == analysis::EndpointEnvironment::Unknown && !ctx.analyses.has_hybrid_nodes())
          continue;
        analysis::Reach reach = reachability.of_endpoint(e);
        if (reach.reachable()) continue;
        // The workload when the input has the pod; else the Service, else the caller.
        const model::Workload* w = e.pod ? analysis::workload_of_pod(ctx.snapshot, *e.pod) : nullptr;
        const model::ObjectBase& subject = w           ? static_cast<const model::ObjectBase&>(*w)
                                           : e.pod     ? static_cast<const model::ObjectBase&>(*e.pod)
                                           : b.service ? static_cast<const model::ObjectBase&>(*b.service)
                                                       : *b.callers.front().object;
        if (!reported.insert(&subject).second) continue;
        report(ctx, b, subject, w, "has ready endpoint " + e.describe(), reach);
      }
    }
  }

 private:
  void report(RuleContext& ctx, const analysis::Backend& b, const model::ObjectBase& subject, const model::Workload* w,
              const std::string& what, const analysis::Reach& reach) const {
    Severity sev = severity_for_pod_network(b.fails_closed() ? Severity::Critical : Severity::Error, reach.network);
    std::string message = b.describe() + " (called by " + b.describe_callers() + ") " + what +
                          ", which the control plane cannot reach (" + reach.why + ")";
    if (reach.network == model::PodNetwork::Unknown) {
      message = b.describe() + " (called by " + b.describe_callers() + ") " + what +
                ", which the control plane cannot reach unless the pod CIDR is routable, which could not be "
                "confirmed (" +
                reach.why + ")";
    }
    Finding f = make_finding(info(), sev, subject, message + ".");
    if (w) add_keep_in_cloud_fix(ctx.analyses, *w, f);
    ctx.findings.push_back(std::move(f));
  }

  // A url: webhook is judged by its host (RULES.md): an IP on premises like
  // an endpoint; a name cannot be resolved offline, which the note says.
  void check_url(RuleContext& ctx, const analysis::Backend& b) const {
    const model::ObjectBase& caller = *b.callers.front().object;
    const std::string host(analysis::url_host(b.url));
    if (!IpAddress::parse(host)) {
      Finding f = make_finding(info(), Severity::Info, caller,
                               b.describe() + " (called by " + b.describe_callers() + ") names host " + host +
                                   ", which was not checked: whether the control plane reaches it depends on DNS "
                                   "and routes outside the cluster.");
      ctx.findings.push_back(std::move(f));
      return;
    }
    analysis::Location where = ctx.analyses.endpoint_locator().locate_address(host);
    if (where.environment != analysis::EndpointEnvironment::Hybrid) return;
    analysis::Reach reach = ctx.analyses.reachability().of_address(where, host, false);
    if (reach.reachable()) return;
    report(ctx, b, caller, nullptr, "points at " + host + " (" + where.evidence() + ")", reach);
  }
};

}  // namespace

std::unique_ptr<Rule> make_hn001_backend_unreachable() { return std::make_unique<BackendUnreachable>(); }

}  // namespace hybridctl::rules
