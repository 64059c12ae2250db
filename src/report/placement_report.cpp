#include "report/placement_report.h"

#include <cstdio>
#include <string>

namespace hybridctl::report {
namespace {

namespace placement = analysis::placement;

const model::ObjectBase& object_of(const placement::WorkloadPlacement& w) {
  if (w.workload) return *w.workload;
  return *w.bare_pod;
}

}  // namespace

void write_placements_json(JsonWriter& w, const PlacementReport& report, std::ostream& out) {
  const placement::PlacementResult& result = report.result;
  const int runs = report.runs;
  w.begin_array();
  for (const placement::WorkloadPlacement& p : result.workloads) {
    const model::ObjectBase& obj = object_of(p);
    w.begin_object();
    w.key("apiVersion").string(obj.api_version);
    w.key("kind").string(obj.kind);
    w.key("namespace").string(obj.meta.ns);
    w.key("name").string(obj.meta.name);
    w.key("replicas").number(int64_t{p.replicas});
    w.key("feasibleNodes").begin_array();
    p.feasible_nodes.for_each([&](int32_t n) { w.string(result.nodes[n]->meta.name); });
    w.end_array();
    w.key("placements").begin_array();
    for (const model::Node* n : p.placements) n ? w.string(n->meta.name) : w.null();
    w.end_array();
    w.key("byEnvironment").begin_object();
    for (const auto& [env, count] : p.by_environment) w.key(env).number(int64_t{count});
    w.end_object();
    w.key("byZone").begin_object();
    for (const auto& [zone, count] : p.by_zone) w.key(zone).number(int64_t{count});
    w.end_object();
    w.key("probabilities").begin_object();
    w.key("runs").number(int64_t{runs});
    w.key("allReplicasInCloud").number(p.all_in_cloud);
    w.key("allReplicasInHybrid").number(p.all_in_hybrid);
    w.key("bothSides").number(p.both_sides);
    if (runs > 1) w.key("guaranteedBothSides").boolean(p.guaranteed_both_sides);  // computed with the odds only
    w.end_object();
    w.end_object();
    w.write_to(out);
  }
  w.end_array();
}

void write_placements_text(const PlacementReport& report, std::ostream& out) {
  const int runs = report.runs;
  std::string line;
  for (const placement::WorkloadPlacement& p : report.result.workloads) {
    const model::ObjectBase& obj = object_of(p);
    line = obj.kind + " " + (obj.meta.ns.empty() ? "" : obj.meta.ns + "/") + obj.meta.name + ": " +
           std::to_string(p.replicas) + (p.replicas == 1 ? " replica" : " replicas");
    int unschedulable = 0;
    for (const model::Node* n : p.placements) unschedulable += n == nullptr;
    for (const auto& [env, count] : p.by_environment) line += ", " + env + " " + std::to_string(count);
    if (unschedulable) line += ", unschedulable " + std::to_string(unschedulable);
    line += " (zones:";
    for (const auto& [zone, count] : p.by_zone) line += " " + zone + "=" + std::to_string(count);
    line += "; " + std::to_string(p.feasible_nodes.size()) + " feasible nodes)";
    if (runs > 1) {
      char buf[160];
      std::snprintf(buf, sizeof buf, "; over %d runs: all in cloud %.3f, all on hybrid %.3f, both sides %.3f", runs,
                    p.all_in_cloud, p.all_in_hybrid, p.both_sides);
      line += buf;
    }
    if (p.guaranteed_both_sides) line += "; both sides guaranteed";
    line += "\n";
    out << line;
  }
}

}  // namespace hybridctl::report
