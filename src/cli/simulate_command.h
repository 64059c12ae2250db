// `hybridctl simulate`: where every workload's replicas land (kube-scheduler
// semantics), after the what-ifs, then the audit of the result.
#pragma once

#include <CLI/CLI.hpp>

namespace hybridctl::cli {

void register_simulate(CLI::App& app, int& exit_code);

}  // namespace hybridctl::cli
