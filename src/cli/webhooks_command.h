// `hybridctl webhooks [SOURCES] [-o text|json] [--why 'TEXT']` (CLI.md
// "webhooks"): every admission webhook, conversion webhook and APIService
// with its chain and verdict, or the cause of one API server error.
#pragma once

#include <CLI/CLI.hpp>

namespace hybridctl::cli {

// Registers the subcommand; `exit_code` receives the run's exit code.
void register_webhooks(CLI::App& app, int& exit_code);

}  // namespace hybridctl::cli
