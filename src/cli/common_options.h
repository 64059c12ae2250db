// Flags shared by the commands that read a cluster (CLI.md "Inputs" and
// "Common flags"), and the loading of a snapshot from them.
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "cli/live_options.h"
#include "core/diagnostic.h"
#include "model/snapshot.h"

namespace hybridctl::cli {

struct InputOptions {
  std::vector<std::string> sources;
  std::string cluster_profile;
  std::string assume_nodes;
  std::string pod_network = "auto";
  std::vector<std::string> remote_pod_networks;
  std::vector<std::string> remote_node_networks;
  std::string kubernetes_version;
  LiveOptions live;
};

void add_input_options(CLI::App& app, InputOptions& options);

// What-ifs and the placement's randomness (CLI.md: `simulate`, and `audit` too).
struct WhatIfOptions {
  std::vector<std::string> add_nodes;
  std::vector<std::string> drains;
  uint64_t seed = 1;
  int runs = 1;
};

void add_what_if_options(CLI::App& app, WhatIfOptions& options);

// Applies --add-nodes / --drain to the loaded snapshot (a no-op without
// them); returns a usage error, or "".
std::string apply_what_if_options(const WhatIfOptions& options, model::Snapshot& snapshot);

// Reads every source into `snapshot` and applies the cluster facts; usage
// errors (a bad flag value) are returned as a message. With --live, cluster
// `live_cluster` (see live_cluster_count) is read as one more source.
std::string load_snapshot(const InputOptions& options, model::Snapshot& snapshot, Diagnostics& diagnostics,
                          size_t live_cluster = 0);

}  // namespace hybridctl::cli
