// `hybridctl audit [SOURCES]`: run the rules, print findings.
#pragma once

#include <CLI/CLI.hpp>

namespace hybridctl::cli {

// Registers the subcommand; `exit_code` receives the run's exit code.
void register_audit(CLI::App& app, int& exit_code);

}  // namespace hybridctl::cli
