#include "fix/keep_in_cloud_fix.h"

#include "analysis/addons.h"
#include "analysis/feasibility.h"
#include "analysis/ownership.h"
#include "analysis/provenance.h"
#include "charts/chart_values.h"
#include "fix/object_names.h"
#include "fix/render.h"
#include "fix/scheduling_changes.h"

namespace hybridctl::fix {
namespace {

// The change a fix makes, as the key of the placement checks Analyses memoises.
std::string change_key(const model::Requirement& r) {
  std::string out = "required node affinity " + r.key + " " + r.op;
  for (const std::string& v : r.values) out += " " + v;
  return out;
}

}  // namespace

AffinityValues affinity_values_of(analysis::Analyses& analyses, const model::Workload& w) {
  analysis::Manager m = analysis::manager_of(w);
  const charts::ChartValues* chart = nullptr;
  std::string component;
  if (auto addon = analysis::recognise_addon(w, analyses.backends())) {
    chart = charts::find_chart(analysis::addon_chart(addon->addon));
    component = addon->component;
  }
  if (!chart && m.kind == analysis::Manager::Kind::EksAddon) chart = charts::find_chart(m.name);
  if (!chart) chart = charts::find_chart(w.meta.labels.get("helm.sh/chart"));
  if (chart) {
    const charts::ComponentValues& c = chart->component(component);
    if (c.affinity_key.empty()) return {{}, c.why_not};
    return {{c.affinity_key}, ""};
  }
  if (m.kind == analysis::Manager::Kind::Helm) {
    return {{"affinity"},
            "Helm release " + m.name +
                " comes from a chart hybridctl does not know: `affinity` is the usual values key "
                "of its pods, check the chart's values."};
  }
  if (m.kind == analysis::Manager::Kind::EksAddon) {
    return {{"affinity"},
            "Check that the " + m.name +
                " add-on's configuration schema has `affinity` (aws eks "
                "describe-addon-configuration --addon-name " +
                m.name + ")."};
  }
  return {};
}

KeepInCloudFix keep_in_cloud_fix(analysis::Analyses& analyses, const model::Workload& w) {
  KeepInCloudFix out;
  const model::Snapshot& snapshot = analyses.snapshot();
  model::Requirement req{model::kComputeTypeLabel, "NotIn", {"hybrid"}};
  model::Workload patched = w;
  patched.tmpl.spec = with_required_node_affinity(w.tmpl.spec, req);
  const bool rollable = w.workload_kind == model::WorkloadKind::Deployment ||
                        w.workload_kind == model::WorkloadKind::StatefulSet ||
                        w.workload_kind == model::WorkloadKind::DaemonSet;
  if (rollable && w.tmpl.spec.affinity && *patched.tmpl.spec.affinity == *w.tmpl.spec.affinity) {
    // Another affinity patch would change nothing: the pods on hybrid nodes were placed before it.
    out.template_fixed = true;
    std::string command = "kubectl rollout restart " + kubectl_resource(w.ref().kind) + "/" + w.meta.name;
    if (!w.meta.ns.empty()) command += " -n " + w.meta.ns;
    out.fixes.emplace_back(RunCommand{command});
    out.note = "The pod template already requires " + std::string(model::kComputeTypeLabel) +
               " NotIn [hybrid]; the pods still " + "on hybrid nodes were placed before it: roll them out (" + command +
               ").";
    return out;
  }
  // Valid only if every replica still finds a node (RULES.md "a valid fix"):
  // a static fit first, then the placement with the cluster's pods.
  bool placeable = analysis::feasible_in(snapshot, patched.tmpl.spec, model::Environment::Cloud) &&
                   (!snapshot.has_nodes() || analyses.all_replicas_placeable(w, change_key(req), patched));
  if (!placeable) {
    // Never advise hostNetwork to a workload that already uses it (RULES.md).
    const std::string host_network_advice =
        w.tmpl.spec.host_network ? ", or widen remoteNodeNetworks to hold its nodes' IPs (it runs with hostNetwork)"
                                 : ", or run the pods with hostNetwork: true so they are reached at their node IP";
    out.note = "Requiring cloud nodes would leave " + describe(w) +
               " unschedulable (it is pinned to hybrid nodes, or the cloud nodes cannot fit every replica): make the "
               "on-prem pod "
               "CIDR routable (remotePodNetworks plus BGP advertisement)" +
               host_network_advice + ".";
    out.fixes.emplace_back(ChangeNetwork{out.note, ""});
    return out;
  }
  AffinityValues values = affinity_values_of(analyses, w);
  RequireNodeAffinity intent = require_node_affinity(w, req);
  intent.helm_value_paths = values.keys;
  // A Job's pod template is immutable: the API server rejects the patch.
  intent.patchable = w.workload_kind != model::WorkloadKind::Job;
  if (snapshot.cluster_info) intent.cluster_name = snapshot.cluster_info->name;
  out.fixes.emplace_back(std::move(intent));
  out.note =
      "Adds eks.amazonaws.com/compute-type NotIn [hybrid] to every required nodeSelectorTerm, so the pods "
      "run on cloud nodes; alternatively make the on-prem pod CIDR routable.";
  if (w.workload_kind == model::WorkloadKind::Job) {
    out.note += " A Job's pod template is immutable: " +
                (values.keys.empty() ? std::string("delete the Job and re-create it with this affinity.")
                                     : "set the values key " + values.keys.front() +
                                           " and let the chart re-create the Job (or delete it and re-create it "
                                           "with this affinity).");
  }
  if (!values.note.empty()) out.note += " " + values.note;
  return out;
}

}  // namespace hybridctl::fix
