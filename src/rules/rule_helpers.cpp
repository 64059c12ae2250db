#include "rules/rule_helpers.h"

#include "analysis/feasibility.h"
#include "analysis/ownership.h"
#include "fix/node_affinity_fix.h"

namespace hybridctl::rules {

Finding make_finding(const RuleInfo& rule, Severity severity, const model::ObjectBase& object, std::string message) {
  Finding f;
  f.rule = rule.id;
  f.severity = severity;
  f.object = object.ref();
  f.origin = object.origin;
  f.subject = &object;
  f.message = std::move(message);
  f.managed_by = analysis::manager_of(object);
  return f;
}

std::string pod_spec_path(const model::Workload& w) {
  return w.workload_kind == model::WorkloadKind::CronJob ? "/spec/jobTemplate/spec/template/spec"
                                                         : "/spec/template/spec";
}

std::string percent(double share) { return std::to_string(static_cast<int>(share * 100.0 + 0.5)) + "%"; }

std::set<std::pair<std::string, std::string>> control_plane_called_services(analysis::Analyses& analyses) {
  std::set<std::pair<std::string, std::string>> out;
  for (const analysis::Backend& b : analyses.backends()) out.insert({b.ns, b.service_name});
  return out;
}

std::string describe(const model::ObjectBase& o) {
  return o.kind + " " + (o.meta.ns.empty() ? "" : o.meta.ns + "/") + o.meta.name;
}

namespace {

// The change a fix makes, as the key of the placement checks Analyses memoises.
std::string change_key(const model::Requirement& r) {
  std::string out = "required node affinity " + r.key + " " + r.op;
  for (const std::string& v : r.values) out += " " + v;
  return out;
}

}  // namespace

void add_keep_in_cloud_fix(analysis::Analyses& analyses, const model::Workload& w, Finding& f,
                           std::vector<std::string> helm_value_paths) {
  const model::Snapshot& snapshot = analyses.snapshot();
  model::Requirement req{model::kComputeTypeLabel, "NotIn", {"hybrid"}};
  model::Workload patched = w;
  patched.tmpl.spec = fix::with_required_node_affinity(w.tmpl.spec, req);
  // Valid only if every replica still finds a node (RULES.md "a valid fix"):
  // a static fit first, then the placement with the cluster's pods.
  bool placeable = analysis::feasible_in(snapshot, patched.tmpl.spec, model::Environment::Cloud) &&
                   (!snapshot.has_nodes() || analyses.all_replicas_placeable(w, change_key(req), patched));
  if (!placeable) {
    // Never advise hostNetwork to a workload that already uses it (RULES.md).
    const std::string host_network_advice =
        w.tmpl.spec.host_network ? ", or widen remoteNodeNetworks to hold its nodes' IPs (it runs with hostNetwork)"
                                 : ", or run the pods with hostNetwork: true so they are reached at their node IP";
    f.fix_note = "Requiring cloud nodes would leave " + describe(w) +
                 " unschedulable (it is pinned to hybrid nodes, or the cloud nodes cannot fit every replica): make the "
                 "on-prem pod "
                 "CIDR routable (remotePodNetworks plus BGP advertisement)" +
                 host_network_advice + ".";
    f.fixes.push_back(fix::ChangeNetwork{f.fix_note, ""});
    return;
  }
  fix::RequireNodeAffinity intent;
  intent.target = w.ref();
  intent.template_path = pod_spec_path(w);
  intent.spec = w.tmpl.spec;
  intent.key = req.key;
  intent.op = req.op;
  intent.values = req.values;
  intent.helm_value_paths = std::move(helm_value_paths);
  f.fixes.push_back(std::move(intent));
  f.fix_note =
      "Adds eks.amazonaws.com/compute-type NotIn [hybrid] to every required nodeSelectorTerm, so the pods "
      "run on cloud nodes; alternatively make the on-prem pod CIDR routable.";
}

std::vector<const model::Workload*> top_level_workloads(const model::Snapshot& snapshot) {
  std::vector<const model::Workload*> out;
  for (const model::Workload& w : snapshot.workloads) {
    if (analysis::top_workload(snapshot, w) == &w) out.push_back(&w);
  }
  return out;
}

}  // namespace hybridctl::rules
