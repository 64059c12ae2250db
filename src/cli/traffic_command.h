// `hybridctl traffic`: per Service, its endpoints with observed and expected
// hints, the endpoints each client zone (or node) uses, and the share of
// traffic crossing between cloud and on-premises (CLI.md).
#pragma once

#include <CLI/CLI.hpp>

namespace hybridctl::cli {

void register_traffic(CLI::App& app, int& exit_code);

}  // namespace hybridctl::cli
