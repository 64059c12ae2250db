#include "rules/rule_helpers.h"

#include <cmath>

#include "analysis/addons.h"
#include "analysis/feasibility.h"
#include "analysis/otel_scrape.h"
#include "analysis/ownership.h"
#include "charts/chart_values.h"
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

std::string percent(double share) { return std::to_string(std::lround(share * 100.0)) + "%"; }

std::set<std::pair<std::string, std::string>> control_plane_called_services(analysis::Analyses& analyses) {
  std::set<std::pair<std::string, std::string>> out;
  for (const analysis::Backend& b : analyses.backends()) out.insert({b.ns, b.service_name});
  return out;
}

std::set<const model::Workload*> backend_workloads_unreachable_now(RuleContext& ctx) {
  std::set<const model::Workload*> out;
  const auto& reachability = ctx.analyses.reachability();
  for (const analysis::Backend& b : ctx.analyses.backends()) {
    for (const analysis::ServiceEndpoint& e : b.endpoints.endpoints) {
      if (!e.pod || e.location.environment != analysis::EndpointEnvironment::Hybrid) continue;
      if (reachability.of_endpoint(e).reachable()) continue;
      if (const model::Workload* w = analysis::workload_of_pod(ctx.snapshot, *e.pod)) out.insert(w);
    }
  }
  return out;
}

const model::OpenTelemetryCollector* hybrid_scraping_collector(const model::Snapshot& snapshot) {
  for (const model::OpenTelemetryCollector& c : snapshot.otel_collectors) {
    if (c.mode == "sidecar") continue;
    model::PodSpec placement;
    placement.node_selector = c.node_selector;
    placement.affinity = c.affinity;
    if (analysis::feasible_in(snapshot, placement, model::Environment::Cloud)) continue;  // not pinned
    analysis::CollectorScrapes scrapes = analysis::analyse_collector_scrapes(c);
    bool scrapes_hybrid_pods = false, compliant = true;
    for (const analysis::ScrapeConfigCheck& check : scrapes.scrape_configs) {
      if (!check.node_labels_possible) continue;
      scrapes_hybrid_pods = true;
      compliant = compliant && check.compliant();
    }
    if (scrapes_hybrid_pods && compliant) return &c;
  }
  return nullptr;
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

void add_keep_in_cloud_fix(analysis::Analyses& analyses, const model::Workload& w, Finding& f) {
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
  AffinityValues values = affinity_values_of(analyses, w);
  fix::RequireNodeAffinity intent;
  intent.target = w.ref();
  intent.template_path = pod_spec_path(w);
  intent.spec = w.tmpl.spec;
  intent.key = req.key;
  intent.op = req.op;
  intent.values = req.values;
  intent.helm_value_paths = values.keys;
  // A Job's pod template is immutable: the API server rejects the patch.
  intent.patchable = w.workload_kind != model::WorkloadKind::Job;
  if (snapshot.cluster_info) intent.cluster_name = snapshot.cluster_info->name;
  f.fixes.push_back(std::move(intent));
  f.fix_note =
      "Adds eks.amazonaws.com/compute-type NotIn [hybrid] to every required nodeSelectorTerm, so the pods "
      "run on cloud nodes; alternatively make the on-prem pod CIDR routable.";
  if (w.workload_kind == model::WorkloadKind::Job) {
    f.fix_note += " A Job's pod template is immutable: " +
                  (values.keys.empty() ? std::string("delete the Job and re-create it with this affinity.")
                                       : "set the values key " + values.keys.front() +
                                             " and let the chart re-create the Job (or delete it and re-create it "
                                             "with this affinity).");
  }
  if (!values.note.empty()) f.fix_note += " " + values.note;
}

std::vector<const model::Workload*> top_level_workloads(const model::Snapshot& snapshot) {
  std::vector<const model::Workload*> out;
  for (const model::Workload& w : snapshot.workloads) {
    if (analysis::top_workload(snapshot, w) == &w) out.push_back(&w);
  }
  return out;
}

}  // namespace hybridctl::rules
