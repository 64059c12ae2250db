#include "cli/simulate_command.h"

#include <simdjson.h>

#include <iostream>
#include <memory>

#include "analysis/analyses.h"
#include "cli/common_options.h"
#include "cli/exit_codes.h"
#include "cli/fast_exit.h"
#include "core/json_writer.h"
#include "report/json_report.h"
#include "report/text_report.h"
#include "rules/engine.h"

namespace hybridctl::cli {
namespace {

namespace placement = analysis::placement;

struct SimulateOptions {
  InputOptions input;
  WhatIfOptions what_ifs;
  CommonOptions common;
};

const model::ObjectBase& object_of(const placement::WorkloadPlacement& w) {
  if (w.workload) return *w.workload;
  return *w.bare_pod;
}

// The audit's findings array, lifted out of the audit document so both
// commands serialise findings identically.
std::string findings_array(const std::string& audit_json) {
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  if (parser.parse(audit_json).get(doc)) return "[]";
  simdjson::dom::element findings;
  if (doc["findings"].get(findings)) return "[]";
  return simdjson::minify(findings);
}

int run_simulate(const SimulateOptions& o) {
  model::Snapshot snapshot;
  Diagnostics diagnostics;
  FindingFilters filters;
  std::string usage = read_finding_filters(o.common, filters);
  if (usage.empty()) usage = load_snapshot(o.input, snapshot, diagnostics);
  if (usage.empty()) usage = apply_what_if_options(o.what_ifs, snapshot);
  if (!usage.empty()) {
    std::cerr << "hybridctl simulate: " << usage << "\n";
    return 2;
  }
  print_diagnostics(diagnostics, o.common);
  placement::PlacementOptions options;
  options.seed = o.what_ifs.seed;
  options.runs = o.what_ifs.runs;
  // "guaranteed" belongs with the probabilities: computed when they are asked for (--runs > 1).
  options.check_guarantees = o.what_ifs.runs > 1;
  placement::PlacementResult result = placement::simulate(snapshot, options);

  // The placement is written first and streamed: its feasible-node lists run
  // to a gigabyte on a large cluster.
  JsonWriter json(2);
  const bool json_output = o.common.output == "json";
  if (json_output) {
    json.begin_object().key("workloads");
    write_simulation_workloads_json(json, result, o.what_ifs.runs, std::cout);
  } else {
    write_simulation_text(result, o.what_ifs.runs, std::cout);
    std::cout << "\n";
  }

  // The audit of the result: the snapshot with every simulated replica as a
  // running pod, so rules see where pods would be rather than where they are.
  // The result points into the snapshot: it is released before the snapshot grows.
  std::vector<model::Pod> simulated = std::move(result.simulated_pods);
  result = {};
  snapshot.pods.insert(snapshot.pods.end(), std::make_move_iterator(simulated.begin()),
                       std::make_move_iterator(simulated.end()));
  simulated = {};
  snapshot.build_indexes();
  analysis::Analyses analyses(snapshot, o.what_ifs.seed, o.what_ifs.runs);
  rules::AuditResult audit = rules::run_rules(snapshot, analyses, filters.selection);
  report::ReportInput input{snapshot, analyses, audit, diagnostics};
  if (std::string error = apply_baseline(o.common, filters, input, audit); !error.empty()) {
    std::cerr << "hybridctl simulate: " << error << "\n";
    return exit_without_teardown(2);
  }
  if (json_output) {
    json.key("findings").raw(findings_array(report::render_json(input)));
    json.end_object();
    json.write_to(std::cout);
    std::cout << "\n";
  } else {
    std::cout << report::render_text(input, {.color = use_color(o.common), .all = o.common.all});
  }
  return exit_without_teardown(exit_code_for(diagnostics, audit.findings, o.common.fail_on));
}

}  // namespace

void write_simulation_workloads_json(JsonWriter& w, const placement::PlacementResult& result, int runs,
                                     std::ostream& out) {
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

void write_simulation_text(const placement::PlacementResult& result, int runs, std::ostream& out) {
  std::string line;
  for (const placement::WorkloadPlacement& p : result.workloads) {
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

void register_simulate(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<SimulateOptions>();
  CLI::App* cmd = app.add_subcommand("simulate", "Place every workload's replicas as kube-scheduler would, then audit");
  add_input_options(*cmd, options->input);
  add_common_options(*cmd, options->common, PrintsFindings::Yes);
  add_what_if_options(*cmd, options->what_ifs);
  cmd->callback([options, &exit_code] {
    options->input.live.quiet = options->common.quiet;  // -q silences --live's progress too
    exit_code = run_simulate(*options);
  });
}

}  // namespace hybridctl::cli
