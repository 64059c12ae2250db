// `simulate`'s placement: where every workload's replicas land, by
// environment and zone, the feasible nodes and, over several runs, the odds.
// Written workload by workload: a large cluster's feasible-node lists run
// to a gigabyte of JSON.
#pragma once

#include <ostream>

#include "analysis/placement/placement.h"
#include "core/json_writer.h"

namespace hybridctl::report {

struct PlacementReport {
  const analysis::placement::PlacementResult& result;
  int runs = 1;  // > 1: the probabilities (and "guaranteed") were computed
};

// The `workloads` array of the `simulate -o json` document (CLI.md), written
// into `w` and flushed to `out` workload by workload.
void write_placements_json(JsonWriter& w, const PlacementReport& placement, std::ostream& out);
// One line per workload: replicas by environment and zone, feasible nodes, odds.
void write_placements_text(const PlacementReport& placement, std::ostream& out);

}  // namespace hybridctl::report
