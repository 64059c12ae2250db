#include "cli/webhooks_command.h"

#include <unistd.h>

#include <cstdlib>
#include <iostream>
#include <memory>

#include "analysis/analyses.h"
#include "analysis/webhook_chain.h"
#include "analysis/webhook_why.h"
#include "cli/common_options.h"
#include "cli/fast_exit.h"
#include "report/formats.h"
#include "rules/engine.h"

namespace hybridctl::cli {
namespace {

struct WebhooksOptions {
  InputOptions input;
  std::string output = "text";
  std::string fail_on = "error";
  std::string why;
  bool no_color = false;
  bool quiet = false;
};

// CLI.md: 1 when a verdict is BROKEN; --fail-on applies to AT RISK as warning.
int verdict_exit_code(const std::vector<const analysis::WebhookChain*>& chains, const std::string& fail_on) {
  if (fail_on == "never") return 0;
  const bool at_risk_fails = fail_on == "warning" || fail_on == "info";
  for (const analysis::WebhookChain* c : chains) {
    if (c->verdict == analysis::Verdict::Broken) return 1;
    if (c->verdict == analysis::Verdict::AtRisk && at_risk_fails) return 1;
  }
  return 0;
}

int run_webhooks(const WebhooksOptions& o) {
  model::Snapshot snapshot;
  Diagnostics diagnostics;
  if (std::string usage = load_snapshot(o.input, snapshot, diagnostics); !usage.empty()) {
    std::cerr << "hybridctl webhooks: " << usage << "\n";
    return 2;
  }
  for (const Diagnostic& d : diagnostics.items()) {
    if (d.level == Diagnostic::Level::Error || !o.quiet) std::cerr << d.format() << "\n";
  }
  analysis::Analyses analyses(snapshot);
  // The rules that move a backend to cloud nodes: their fixes are the patches `--why` prints.
  rules::RuleSelection selection;
  selection.only = {"HN001", "HN002", "HN012"};
  std::vector<rules::Finding> findings = rules::run_rules(snapshot, analyses, selection).findings;
  std::vector<analysis::WebhookChain> chains = analysis::webhook_chains(analyses);
  std::optional<analysis::WhyAnswer> why;
  if (!o.why.empty()) {
    why = analysis::explain_error(o.why, chains, snapshot.cluster_info ? snapshot.cluster_info->name : "");
  }
  report::WebhooksInput input{chains, findings, why ? &*why : nullptr, diagnostics};
  const bool color = !o.no_color && isatty(STDOUT_FILENO) && !std::getenv("NO_COLOR");
  std::cout << report::find_format(o.output)->webhooks(input, {.color = color});
  std::vector<const analysis::WebhookChain*> judged;
  if (why) {
    judged = why->chains;
  } else {
    for (const analysis::WebhookChain& c : chains) judged.push_back(&c);
  }
  int code = diagnostics.has_errors() ? 2 : verdict_exit_code(judged, o.fail_on);
  return exit_without_teardown(code);
}

}  // namespace

void register_webhooks(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<WebhooksOptions>();
  CLI::App* cmd = app.add_subcommand(
      "webhooks",
      "Every admission webhook, conversion webhook and APIService: backend, endpoints, reachability, verdict");
  add_input_options(*cmd, options->input);
  add_output_option(*cmd, options->output, report::format_names(&report::Format::webhooks));
  cmd->add_option("--why", options->why,
                  "An API server error (e.g. failed calling webhook \"x\": ... context deadline exceeded): explain it");
  cmd->add_option("--fail-on", options->fail_on,
                  "critical|error|warning|info|never (default error: BROKEN fails; warning: AT RISK too)")
      ->check(CLI::IsMember({"critical", "error", "warning", "info", "never"}));
  cmd->add_flag("--no-color", options->no_color, "Never colour the text output");
  cmd->add_flag("-q,--quiet", options->quiet, "Print only errors on stderr");
  cmd->callback([options, &exit_code] { exit_code = run_webhooks(*options); });
}

}  // namespace hybridctl::cli
