// `hybridctl simulate`: where every workload's replicas land (kube-scheduler
// semantics), after the what-ifs, then the audit of the result.
#pragma once

#include <CLI/CLI.hpp>
#include <string>

#include "analysis/placement/placement.h"
#include "model/snapshot.h"

namespace hybridctl::cli {

void register_simulate(CLI::App& app, int& exit_code);

// The `simulate -o json` document (CLI.md); `findings_json` is the findings
// array of the audit of the result, already serialised.
std::string render_simulation_json(const analysis::placement::PlacementResult& result, int runs,
                                   const std::string& findings_json);
std::string render_simulation_text(const analysis::placement::PlacementResult& result, int runs);

}  // namespace hybridctl::cli
