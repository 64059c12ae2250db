// hybridctl: audits EKS mixed-mode clusters (cloud + hybrid nodes) against
// the recommendations for running webhooks, CoreDNS and Service traffic.
#include <CLI/CLI.hpp>
#include <iostream>

#include "cli/audit_command.h"
#include "cli/explain_command.h"
#include "cli/fix_command.h"
#include "cli/simulate_command.h"
#include "cli/traffic_command.h"

int main(int argc, char** argv) {
  CLI::App app{"hybridctl: audit EKS mixed-mode clusters (cloud and hybrid nodes)"};
  app.require_subcommand(1);
  int exit_code = 0;
  hybridctl::cli::register_audit(app, exit_code);
  hybridctl::cli::register_explain(app, exit_code);
  hybridctl::cli::register_fix(app, exit_code);
  hybridctl::cli::register_simulate(app, exit_code);
  hybridctl::cli::register_traffic(app, exit_code);
  app.add_subcommand("version", "Print the version")->callback([] {
    std::cout << "hybridctl " << HYBRIDCTL_VERSION << "\n";
  });
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    return rc == 0 ? 0 : 2;  // CLI.md: usage errors exit 2
  }
  return exit_code;
}
