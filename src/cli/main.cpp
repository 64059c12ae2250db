// hybridctl: audits EKS mixed-mode clusters (cloud + hybrid nodes) against
// the recommendations for running webhooks, CoreDNS and Service traffic.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include "cli/audit_command.h"
#include "cli/explain_command.h"
#include "cli/fix_command.h"
#include "cli/simulate_command.h"
#include "cli/traffic_command.h"
#include "cli/webhooks_command.h"

namespace {

// Optimal string alignment distance: a typo is usually one insertion,
// deletion, substitution or swap of neighbours ("adit", "auidt").
size_t typo_distance(std::string_view a, std::string_view b) {
  std::vector<std::vector<size_t>> d(a.size() + 1, std::vector<size_t>(b.size() + 1));
  for (size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.size()][b.size()];
}

// CLI11 would call a misspelt command an unexpected argument: name it, and
// suggest the closest command when one is near.
std::string unknown_command_message(CLI::App& app, std::string_view word) {
  std::vector<std::string> names;
  for (const CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; })) names.push_back(sub->get_name());
  if (std::find(names.begin(), names.end(), word) != names.end()) return {};
  std::string best;
  size_t best_distance = 3;  // further than two edits is not a typo
  for (const std::string& n : names) {
    size_t d = typo_distance(word, n);
    if (n.starts_with(word) && word.size() >= 2) d = std::min<size_t>(d, 1);
    if (d < best_distance) best_distance = d, best = n;
  }
  std::string out = "hybridctl: unknown command \"" + std::string(word) + "\"";
  if (!best.empty()) return out + "; did you mean \"" + best + "\"?";
  out += "; commands:";
  for (const std::string& n : names) out += " " + n;
  return out;
}

int run(int argc, char** argv) {
  CLI::App app{"hybridctl: audit EKS mixed-mode clusters (cloud and hybrid nodes)"};
  app.require_subcommand(1);
  int exit_code = 0;
  hybridctl::cli::register_audit(app, exit_code);
  hybridctl::cli::register_explain(app, exit_code);
  hybridctl::cli::register_fix(app, exit_code);
  hybridctl::cli::register_simulate(app, exit_code);
  hybridctl::cli::register_traffic(app, exit_code);
  hybridctl::cli::register_webhooks(app, exit_code);
  app.add_subcommand("version", "Print the version")->callback([] {
    std::cout << "hybridctl " << HYBRIDCTL_VERSION << "\n";
  });
  if (argc < 2) {
    app.name(argv[0]);        // as parse() would have named it
    std::cout << app.help();  // bare `hybridctl`: what it can do, as kubectl does
    return 0;
  }
  if (argv[1][0] != '-') {
    if (std::string unknown = unknown_command_message(app, argv[1]); !unknown.empty()) {
      std::cerr << unknown << "\n";
      return 2;  // CLI.md: usage errors exit 2
    }
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    return rc == 0 ? 0 : 2;  // CLI.md: usage errors exit 2
  }
  return exit_code;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const std::exception& e) {
    // A bug, not bad input (reported as file:line:col): say so instead of aborting.
    std::fputs("hybridctl: internal error: ", stderr);
    std::fputs(e.what(), stderr);
    std::fputs("\n", stderr);
  } catch (...) {
    std::fputs("hybridctl: internal error\n", stderr);
  }
  return 3;
}
