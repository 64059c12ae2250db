#include "cli/audit_command.h"

#include <algorithm>
#include <iostream>
#include <memory>
#include <optional>
#include <vector>

#include "analysis/analyses.h"
#include "cli/common_options.h"
#include "cli/exit_codes.h"
#include "cli/fast_exit.h"
#include "cli/live_options.h"
#include "report/formats.h"
#include "rules/engine.h"

namespace hybridctl::cli {
namespace {

struct AuditOptions {
  InputOptions input;
  WhatIfOptions what_ifs;
  CommonOptions common;
};

// What one cluster's audit builds. The caller keeps it: the last one lives
// until the process exits, which frees it at once (fast_exit.h).
struct ClusterState {
  model::Snapshot snapshot;
  std::optional<analysis::Analyses> analyses;
};

// One cluster's report: the whole run without --live or with one context.
report::ClusterReport audit_cluster(const AuditOptions& o, size_t live_cluster, ClusterState& state) {
  report::ClusterReport cluster;
  cluster.name = live_cluster_name(o.input.live, live_cluster);
  model::Snapshot& snapshot = state.snapshot;
  Diagnostics diagnostics;
  FindingFilters filters;
  std::string usage = read_finding_filters(o.common, filters);
  if (usage.empty()) usage = load_snapshot(o.input, snapshot, diagnostics, live_cluster);
  if (usage.empty()) usage = apply_what_if_options(o.what_ifs, snapshot);
  if (!usage.empty()) {
    std::cerr << "hybridctl audit: " << usage << "\n";
    cluster.error = usage;
    cluster.exit_code = 2;
    return cluster;
  }
  print_diagnostics(diagnostics, o.common);
  analysis::Analyses& analyses = state.analyses.emplace(snapshot, o.what_ifs.seed, o.what_ifs.runs);
  report::AuditReport audit = report::build_audit_report(
      snapshot, analyses, rules::run_rules(snapshot, analyses, filters.selection), diagnostics);
  if (std::string error = apply_baseline(o.common, filters, audit); !error.empty()) {
    std::cerr << "hybridctl audit: " << error << "\n";
    cluster.error = error;
    cluster.exit_code = 2;
    return cluster;
  }
  cluster.output = report::find_format(o.common.output)->audit(audit, render_options(o.common));
  cluster.exit_code = exit_code_for(audit, o.common.fail_on);
  return cluster;
}

int run_audit(const AuditOptions& o) {
  size_t clusters = live_cluster_count(o.input.live);
  if (clusters == 1) {
    ClusterState state;
    report::ClusterReport cluster = audit_cluster(o, 0, state);
    std::cout << cluster.output;
    return exit_without_teardown(cluster.exit_code);
  }
  // Several --context: one document, a section per cluster; the worst exit code.
  std::vector<report::ClusterReport> reports;
  int worst = 0;
  for (size_t i = 0; i < clusters; ++i) {
    ClusterState state;  // freed before the next cluster is read: one model in memory at a time
    reports.push_back(audit_cluster(o, i, state));
    worst = std::max(worst, reports.back().exit_code);
  }
  std::cout << report::find_format(o.common.output)->clusters(reports);
  return exit_without_teardown(worst);
}

}  // namespace

void register_audit(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<AuditOptions>();
  CLI::App* cmd = app.add_subcommand("audit", "Run the rules against a cluster and print findings");
  add_input_options(*cmd, options->input);
  add_what_if_options(*cmd, options->what_ifs);
  add_common_options(*cmd, options->common, PrintsFindings::Yes, report::format_names(&report::Format::audit));
  cmd->callback([options, &exit_code] {
    options->input.live.quiet = options->common.quiet;
    options->input.live.several_clusters = true;
    exit_code = run_audit(*options);
  });
}

}  // namespace hybridctl::cli
