#include "cli/audit_command.h"

#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <memory>
#include <sstream>

#include "analysis/analyses.h"
#include "cli/common_options.h"
#include "cli/exit_codes.h"
#include "cli/fast_exit.h"
#include "cli/live_options.h"
#include "report/json_report.h"
#include "report/text_report.h"
#include "rules/engine.h"
#include "rules/registry.h"

namespace hybridctl::cli {
namespace {

struct AuditOptions {
  InputOptions input;
  WhatIfOptions what_ifs;
  std::string output = "text";
  std::string fail_on = "error";
  std::string rules;
  std::string skip_rules;
  bool no_color = false;
  bool quiet = false;
};

std::set<std::string> split_ids(const std::string& s, std::string& error) {
  std::set<std::string> out;
  std::stringstream in(s);
  std::string id;
  while (std::getline(in, id, ',')) {
    if (id.empty()) continue;
    if (!rules::find_rule(id)) error = "unknown rule \"" + id + "\"";
    out.insert(id);
  }
  return out;
}

// One cluster's report: the whole run without --live or with one context.
ClusterReport audit_cluster(const AuditOptions& o, size_t live_cluster) {
  ClusterReport report;
  report.name = live_cluster_name(o.input.live, live_cluster);
  model::Snapshot snapshot;
  Diagnostics diagnostics;
  std::string usage = load_snapshot(o.input, snapshot, diagnostics, live_cluster);
  if (usage.empty()) usage = apply_what_if_options(o.what_ifs, snapshot);
  rules::RuleSelection selection;
  if (usage.empty()) selection.only = split_ids(o.rules, usage);
  if (usage.empty()) selection.skip = split_ids(o.skip_rules, usage);
  if (!usage.empty()) {
    std::cerr << "hybridctl audit: " << usage << "\n";
    report.error = usage;
    report.exit_code = 2;
    return report;
  }
  for (const Diagnostic& d : diagnostics.items()) {
    if (d.level == Diagnostic::Level::Error || !o.quiet) std::cerr << d.format() << "\n";
  }
  analysis::Analyses analyses(snapshot, o.what_ifs.seed);
  rules::AuditResult result = rules::run_rules(snapshot, analyses, selection);
  report::ReportInput input{snapshot, analyses, result, diagnostics};
  if (o.output == "json") {
    report.output = report::render_json(input);
  } else {
    bool color = !o.no_color && isatty(STDOUT_FILENO) && !std::getenv("NO_COLOR");
    report.output = report::render_text(input, color);
  }
  report.exit_code = exit_code_for(diagnostics, result.findings, o.fail_on);
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
  std::cout << render_clusters(reports, o.output == "json");
  return exit_without_teardown(worst);
}

}  // namespace

void register_audit(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<AuditOptions>();
  CLI::App* cmd = app.add_subcommand("audit", "Run the rules against a cluster and print findings");
  add_input_options(*cmd, options->input);
  add_what_if_options(*cmd, options->what_ifs);
  cmd->add_option("-o,--output", options->output, "text|json")->check(CLI::IsMember({"text", "json"}));
  cmd->add_option("--fail-on", options->fail_on, "critical|error|warning|info|never (default error)")
      ->check(CLI::IsMember({"critical", "error", "warning", "info", "never"}));
  cmd->add_option("--rules", options->rules, "Only these rules (HN001,...)");
  cmd->add_option("--skip-rules", options->skip_rules, "Skip these rules");
  cmd->add_flag("--no-color", options->no_color, "Never colour the text output");
  cmd->add_flag("-q,--quiet", options->quiet, "Print only errors on stderr");
  cmd->callback([options, &exit_code] {
    options->input.live.quiet = options->quiet;
    options->input.live.several_clusters = true;
    exit_code = run_audit(*options);
  });
}

}  // namespace hybridctl::cli
