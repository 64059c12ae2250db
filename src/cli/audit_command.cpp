#include "cli/audit_command.h"

#include <algorithm>
#include <iostream>
#include <memory>
#include <vector>

#include "analysis/analyses.h"
#include "cli/common_options.h"
#include "cli/exit_codes.h"
#include "cli/fast_exit.h"
#include "cli/live_options.h"
#include "report/json_report.h"
#include "report/text_report.h"
#include "rules/engine.h"

namespace hybridctl::cli {
namespace {

struct AuditOptions {
  InputOptions input;
  WhatIfOptions what_ifs;
  CommonOptions common;
};

// One cluster's report: the whole run without --live or with one context.
ClusterReport audit_cluster(const AuditOptions& o, size_t live_cluster) {
  ClusterReport report;
  report.name = live_cluster_name(o.input.live, live_cluster);
  model::Snapshot snapshot;
  Diagnostics diagnostics;
  FindingFilters filters;
  std::string usage = read_finding_filters(o.common, filters);
  if (usage.empty()) usage = load_snapshot(o.input, snapshot, diagnostics, live_cluster);
  if (usage.empty()) usage = apply_what_if_options(o.what_ifs, snapshot);
  if (!usage.empty()) {
    std::cerr << "hybridctl audit: " << usage << "\n";
    report.error = usage;
    report.exit_code = 2;
    return report;
  }
  print_diagnostics(diagnostics, o.common);
  analysis::Analyses analyses(snapshot, o.what_ifs.seed, o.what_ifs.runs);
  rules::AuditResult result = rules::run_rules(snapshot, analyses, filters.selection);
  report::ReportInput input{snapshot, analyses, result, diagnostics};
  if (std::string error = apply_baseline(o.common, filters, input, result); !error.empty()) {
    std::cerr << "hybridctl audit: " << error << "\n";
    report.error = error;
    report.exit_code = 2;
    return report;
  }
  if (o.common.output == "json") {
    report.output = report::render_json(input);
  } else {
    report.output = report::render_text(input, {.color = use_color(o.common), .all = o.common.all});
  }
  report.exit_code = exit_code_for(diagnostics, result.findings, o.common.fail_on);
  return report;
}

int run_audit(const AuditOptions& o) {
  size_t clusters = live_cluster_count(o.input.live);
  if (clusters == 1) {
    ClusterReport report = audit_cluster(o, 0);
    std::cout << report.output;
    return exit_without_teardown(report.exit_code);
  }
  // Several --context: one document, a section per cluster; the worst exit code.
  std::vector<ClusterReport> reports;
  int worst = 0;
  for (size_t i = 0; i < clusters; ++i) {
    reports.push_back(audit_cluster(o, i));
    worst = std::max(worst, reports.back().exit_code);
  }
  std::cout << render_clusters(reports, o.common.output == "json");
  return exit_without_teardown(worst);
}

}  // namespace

void register_audit(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<AuditOptions>();
  CLI::App* cmd = app.add_subcommand("audit", "Run the rules against a cluster and print findings");
  add_input_options(*cmd, options->input);
  add_what_if_options(*cmd, options->what_ifs);
  add_common_options(*cmd, options->common, PrintsFindings::Yes);
  cmd->callback([options, &exit_code] {
    options->input.live.quiet = options->common.quiet;
    options->input.live.several_clusters = true;
    exit_code = run_audit(*options);
  });
}

}  // namespace hybridctl::cli
