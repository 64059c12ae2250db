// HN012: a component of an add-on the document names can run on hybrid nodes.
#include <cctype>
#include <set>

#include "analysis/addons.h"
#include "analysis/feasibility.h"
#include "rules/registry.h"
#include "rules/rule_helpers.h"

namespace hybridctl::rules {
namespace {

// "CloudWatch Observability operator" + "operator": the component only when
// the add-on's name does not already say it.
std::string addon_component_text(const analysis::AddonComponent& c) {
  std::string name = analysis::addon_name(c.addon);
  std::string lower = name;
  for (char& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  if (lower.find(c.component) != std::string::npos) return name;
  return name + " " + c.component;
}

Severity severity_for(const analysis::AddonComponent& c, model::PodNetwork net) {
  if (c.addon == analysis::Addon::AwsLoadBalancerController) return Severity::Error;
  switch (net) {
    case model::PodNetwork::Routable:
      return Severity::Info;
    case model::PodNetwork::Unroutable:
      return c.serves_webhook ? Severity::Error : Severity::Warning;
    case model::PodNetwork::Unknown:
      return c.serves_webhook ? Severity::Warning : Severity::Info;
  }
  return Severity::Warning;
}

class AddonPlacement final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo i{
        .id = "HN012",
        .name = "addon-placement",
        .default_severity = Severity::Error,
        .severity =
            "AWS Load Balancer Controller: error. Others: error when the component serves a webhook and the pod "
            "network is not routable, warning for non-webhook components; info when routable",
        .fires_when =
            "In a mixed cluster a component of the AWS Load Balancer Controller, the CloudWatch Observability "
            "operator, the ADOT operator or cert-manager can run on hybrid nodes.",
        .rationale =
            "The source document asks to run these add-ons on cloud nodes: the AWS Load Balancer Controller must run "
            "in the cloud whatever the routability; the others serve webhooks the control plane must reach.",
        .fix =
            "The add-on's own form: Helm values (affinity; for cert-manager also webhook.affinity, "
            "cainjector.affinity, startupapicheck.affinity), EKS add-on configurationValues, or a patch where "
            "neither can (the CloudWatch operator; an add-on update reverts it).",
        .reads = {Input::Node, Input::Pod, Input::Workloads, Input::DaemonSet, Input::Service, Input::EndpointSlice,
                  Input::Namespace, Input::MutatingWebhookConfiguration, Input::ValidatingWebhookConfiguration,
                  Input::APIService, Input::CustomResourceDefinition, Input::ConfigMap, Input::CniPodPools,
                  Input::BgpAdvertisements, Input::DescribeCluster},
    };
    return i;
  }

  void check(RuleContext& ctx) const override {
    // With no nodes at all the input is a set of manifests: assume they target a mixed cluster.
    if (ctx.snapshot.has_nodes() && !ctx.analyses.mixed()) return;
    model::PodNetwork net = ctx.analyses.routability().cluster_wide();
    // HN001 reports these with the add-on's form of the fix: not twice.
    const std::set<const model::Workload*> reported_by_hn001 = backend_workloads_unreachable_now(ctx);
    for (const model::Workload* w : top_level_workloads(ctx.snapshot)) {
      auto component = analysis::recognise_addon(*w, ctx.analyses.backends());
      if (!component || reported_by_hn001.count(w)) continue;
      if (!analysis::feasible_in(ctx.snapshot, w->tmpl.spec, model::Environment::Hybrid)) continue;
      // A hostNetwork component is reached at its node's IP (analysis/reachability).
      model::PodNetwork reach =
          w->tmpl.spec.host_network ? ctx.analyses.reachability().of_template_on_hybrid(w->tmpl.spec).network : net;
      Severity sev = severity_for(*component, reach);
      std::string message = describe(*w) + " (" + addon_component_text(*component) + ", recognised by " +
                            component->evidence + ") can run on hybrid nodes";
      if (component->addon == analysis::Addon::AwsLoadBalancerController) {
        message += "; the controller must run on cloud nodes in a mixed cluster";
      } else if (reach == model::PodNetwork::Routable) {
        message += "; the pod network is routable, but the document still recommends cloud nodes";
      } else if (component->serves_webhook) {
        message += " and serves a webhook the control plane may not reach";
      }
      Finding f = make_finding(info(), sev, *w, message + ".");
      add_keep_in_cloud_fix(ctx.analyses, *w, f);
      ctx.findings.push_back(std::move(f));
    }
  }
};

}  // namespace

std::unique_ptr<Rule> make_hn012_addon_placement() { return std::make_unique<AddonPlacement>(); }

}  // namespace hybridctl::rules
