#include "rules/rule_helpers.h"

#include <cmath>
#include <map>

#include "analysis/feasibility.h"
#include "analysis/otel_scrape.h"
#include "analysis/ownership.h"
#include "fix/keep_in_cloud_fix.h"

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

void add_keep_in_cloud_fix(analysis::Analyses& analyses, const model::Workload& w, Finding& f) {
  fix::KeepInCloudFix fix = fix::keep_in_cloud_fix(analyses, w);
  if (fix.template_fixed) {
    f.message +=
        " The pod template is fixed (it already requires cloud nodes), but the running pods were placed "
        "before it and must be rolled.";
  }
  f.fix_note = std::move(fix.note);
  for (fix::FixIntent& i : fix.fixes) f.fixes.push_back(std::move(i));
}

std::set<std::string_view> cloud_zones(const model::Snapshot& snapshot) {
  std::set<std::string_view> zones;
  for (const model::Node& n : snapshot.nodes) {
    if (!n.is_hybrid() && !n.zone().empty()) zones.insert(n.zone());
  }
  return zones;
}

std::string suggested_hybrid_zone(const model::Snapshot& snapshot) {
  const std::set<std::string_view> in_cloud = cloud_zones(snapshot);
  std::map<std::string_view, size_t> counts;
  for (const model::Node& n : snapshot.nodes) {
    if (n.is_hybrid() && !n.zone().empty() && !in_cloud.count(n.zone())) ++counts[n.zone()];
  }
  std::string_view best = "onprem";
  size_t most = 0;
  for (const auto& [zone, count] : counts) {
    if (count > most) best = zone, most = count;
  }
  return std::string(best);
}

std::vector<const model::Workload*> top_level_workloads(const model::Snapshot& snapshot) {
  std::vector<const model::Workload*> out;
  for (const model::Workload& w : snapshot.workloads) {
    if (analysis::top_workload(snapshot, w) == &w) out.push_back(&w);
  }
  return out;
}

}  // namespace hybridctl::rules
