// `hybridctl simulate`: where every workload's replicas land (kube-scheduler
// semantics), after the what-ifs, then the audit of the result.
#pragma once

#include <CLI/CLI.hpp>
#include <ostream>
#include <string>

#include "analysis/placement/placement.h"
#include "core/json_writer.h"
#include "model/snapshot.h"

namespace hybridctl::cli {

void register_simulate(CLI::App& app, int& exit_code);

// The `workloads` array of the `simulate -o json` document (CLI.md), written
// into `w` and flushed to `out` workload by workload.
void write_simulation_workloads_json(JsonWriter& w, const analysis::placement::PlacementResult& result, int runs,
                                     std::ostream& out);
// One line per workload: replicas by environment and zone, feasible nodes, odds.
void write_simulation_text(const analysis::placement::PlacementResult& result, int runs, std::ostream& out);

}  // namespace hybridctl::cli
