#include "cli/audit_command.h"

#include <iostream>
#include <memory>

#include "analysis/analyses.h"
#include "cli/common_options.h"
#include "cli/exit_codes.h"
#include "cli/fast_exit.h"
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

int run_audit(const AuditOptions& o) {
  model::Snapshot snapshot;
  Diagnostics diagnostics;
  FindingFilters filters;
  std::string usage = read_finding_filters(o.common, filters);
  if (usage.empty()) usage = load_snapshot(o.input, snapshot, diagnostics);
  if (usage.empty()) usage = apply_what_if_options(o.what_ifs, snapshot);
  if (!usage.empty()) {
    std::cerr << "hybridctl audit: " << usage << "\n";
    return 2;
  }
  print_diagnostics(diagnostics, o.common);
  analysis::Analyses analyses(snapshot, o.what_ifs.seed);
  rules::AuditResult result = rules::run_rules(snapshot, analyses, filters.selection);
  report::ReportInput input{snapshot, analyses, result, diagnostics};
  if (std::string error = apply_baseline(o.common, filters, input, result); !error.empty()) {
    std::cerr << "hybridctl audit: " << error << "\n";
    return 2;
  }
  if (o.common.output == "json") {
    std::cout << report::render_json(input);
  } else {
    std::cout << report::render_text(input, {.color = use_color(o.common), .all = o.common.all});
  }
  return exit_without_teardown(exit_code_for(diagnostics, result.findings, o.common.fail_on));
}

}  // namespace

void register_audit(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<AuditOptions>();
  CLI::App* cmd = app.add_subcommand("audit", "Run the rules against a cluster and print findings");
  add_input_options(*cmd, options->input);
  add_what_if_options(*cmd, options->what_ifs);
  add_common_options(*cmd, options->common, PrintsFindings::Yes);
  cmd->callback([options, &exit_code] { exit_code = run_audit(*options); });
}

}  // namespace hybridctl::cli
