// HN003: a CNI component can run where AWS does not support it — the VPC CNI
// on hybrid nodes, Cilium or Calico on cloud nodes.
#include "analysis/cni.h"
#include "analysis/feasibility.h"
#include "charts/chart_values.h"
#include "fix/scheduling_changes.h"
#include "rules/registry.h"
#include "rules/rule_helpers.h"

namespace hybridctl::rules {
namespace {

using analysis::Cni;
using analysis::CniComponent;

model::Requirement home_requirement(Cni cni) {
  if (cni == Cni::VpcCni) return {model::kComputeTypeLabel, "NotIn", {"hybrid"}};
  return {model::kComputeTypeLabel, "In", {"hybrid"}};
}

std::string requirement_text(const model::Requirement& r) {
  return std::string(model::kComputeTypeLabel) + " " + r.op + " [hybrid]";
}

// The values key of the component's affinity in its chart (Cilium's, the
// VPC CNI's), "" when its chart has none (Calico).
std::string chart_affinity_key(const CniComponent& c) {
  const charts::ChartValues* chart = c.cni == Cni::VpcCni   ? &charts::vpc_cni_chart()
                                     : c.cni == Cni::Cilium ? &charts::cilium_chart()
                                                            : nullptr;
  const charts::ComponentValues* values = chart ? chart->find_component(c.workload->meta.name) : nullptr;
  return values ? values->affinity_key : "";
}

class CniPlacement final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo i{
        .id = "HN003",
        .name = "cni-placement",
        .default_severity = Severity::Error,
        .severity = "error",
        .fires_when =
            "The VPC CNI DaemonSet (kube-system/aws-node) is feasible on a hybrid node, or a Cilium component "
            "(DaemonSets cilium, cilium-envoy; Deployment cilium-operator) or Calico component (DaemonSet "
            "calico-node; Deployments calico-typha, calico-kube-controllers; in kube-system or calico-system) is "
            "feasible on a cloud node.",
        .rationale =
            "AWS supports the VPC CNI only on cloud nodes and Cilium or Calico only on hybrid nodes: a CNI pod on "
            "the wrong side fights the supported CNI for the node's pod network (or crash-loops) and its pods get no "
            "working addresses.",
        .fix =
            "Required nodeAffinity: aws-node eks.amazonaws.com/compute-type NotIn [hybrid]; Cilium and Calico "
            "components In [hybrid] — as Helm values where Helm installed the CNI (Cilium: affinity, "
            "operator.affinity, envoy.affinity), as a patch of the Installation custom resource where the Tigera "
            "operator manages Calico.",
        .reads = {Input::Node, Input::Workloads, Input::DaemonSet},
    };
    return i;
  }

  void check(RuleContext& ctx) const override {
    // Without nodes the input is a set of manifests meant for a mixed cluster.
    if (ctx.snapshot.has_nodes() && !ctx.analyses.mixed()) return;
    for (const CniComponent& c : analysis::find_cni_components(ctx.snapshot)) {
      const model::Workload& w = *c.workload;
      model::Environment home = analysis::home_environment(c.cni);
      model::Environment other =
          home == model::Environment::Cloud ? model::Environment::Hybrid : model::Environment::Cloud;
      if (!analysis::feasible_in(ctx.snapshot, w.tmpl.spec, other)) continue;
      std::string message = describe(w) + " (" + analysis::cni_name(c.cni) + ") can run on " +
                            model::environment_name(other) + " nodes; AWS supports " + analysis::cni_name(c.cni) +
                            " only on " + model::environment_name(home) + " nodes in a mixed cluster";
      Finding f = make_finding(info(), Severity::Error, w, message + ".");
      add_fix(ctx.snapshot, c, home, f);
      ctx.findings.push_back(std::move(f));
    }
  }

 private:
  static void add_fix(const model::Snapshot& snapshot, const CniComponent& c, model::Environment home, Finding& f) {
    const model::Workload& w = *c.workload;
    model::Requirement req = home_requirement(c.cni);
    model::PodSpec patched = fix::with_required_node_affinity(w.tmpl.spec, req);
    if (!analysis::feasible_in(snapshot, patched, home)) {
      f.fix_note = "Requiring " + requirement_text(req) + " would leave " + describe(w) +
                   " with no node to run on (no " + model::environment_name(home) +
                   " node passes its other constraints): fix its nodeSelector, "
                   "affinity or tolerations first.";
      return;
    }
    using Kind = analysis::Manager::Kind;
    const analysis::Manager& m = f.managed_by;
    fix::RequireNodeAffinity intent = fix::require_node_affinity(w, req);
    bool chart = m.kind == Kind::Helm || (m.kind == Kind::EksAddon && c.cni == Cni::VpcCni);
    std::string values_key = chart_affinity_key(c);
    if (chart && !values_key.empty()) intent.helm_value_paths = {values_key};
    f.fixes.push_back(std::move(intent));
    // fix/ renders it as a patch of the Installation the operator renders the component from.
    std::string_view installation_field = charts::tigera_installation_field(w.meta.name);
    if (m.kind == Kind::Operator && m.owner_kind == "Installation" && !installation_field.empty()) {
      f.fix_note = "The Tigera operator renders " + w.meta.name + " from Installation " + m.name + ": the patch sets " +
                   "spec." + std::string(installation_field) + ".spec.template.spec.affinity there (with " +
                   requirement_text(req) + "); if the Installation already overrides " +
                   std::string(installation_field) + ", add the affinity to that override instead.";
      return;
    }
    f.fix_note = "Adds " + requirement_text(req) + " to every required nodeSelectorTerm, so the pods run only on " +
                 model::environment_name(home) + " nodes.";
  }
};

}  // namespace

std::unique_ptr<Rule> make_hn003_cni_placement() { return std::make_unique<CniPlacement>(); }

}  // namespace hybridctl::rules
