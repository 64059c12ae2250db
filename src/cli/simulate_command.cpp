#include "cli/simulate_command.h"

#include <iostream>
#include <memory>

#include "analysis/analyses.h"
#include "cli/common_options.h"
#include "cli/exit_codes.h"
#include "cli/fast_exit.h"
#include "report/formats.h"
#include "rules/engine.h"

namespace hybridctl::cli {
namespace {

namespace placement = analysis::placement;

struct SimulateOptions {
  InputOptions input;
  WhatIfOptions what_ifs;
  CommonOptions common;
};

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
  std::unique_ptr<report::SimulationRenderer> renderer = report::find_format(o.common.output)->simulation();
  renderer->placements({result, o.what_ifs.runs}, std::cout);

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
  report::AuditReport audit = report::build_audit_report(
      snapshot, analyses, rules::run_rules(snapshot, analyses, filters.selection), diagnostics);
  if (std::string error = apply_baseline(o.common, filters, audit); !error.empty()) {
    std::cerr << "hybridctl simulate: " << error << "\n";
    return exit_without_teardown(2);
  }
  renderer->audit(audit, render_options(o.common), std::cout);
  return exit_without_teardown(exit_code_for(audit, o.common.fail_on));
}

}  // namespace

void register_simulate(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<SimulateOptions>();
  CLI::App* cmd = app.add_subcommand("simulate", "Place every workload's replicas as kube-scheduler would, then audit");
  add_input_options(*cmd, options->input);
  add_common_options(*cmd, options->common, PrintsFindings::Yes, report::format_names(&report::Format::simulation));
  add_what_if_options(*cmd, options->what_ifs);
  cmd->callback([options, &exit_code] {
    options->input.live.quiet = options->common.quiet;  // -q silences --live's progress too
    exit_code = run_simulate(*options);
  });
}

}  // namespace hybridctl::cli
