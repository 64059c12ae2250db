// The flags of live reading (CLI.md "Inputs"): --live, --context
// (repeatable), --kubeconfig, --save; and the one call that reads a
// cluster into the snapshot, as any other source does.
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "core/diagnostic.h"
#include "model/snapshot.h"

namespace hybridctl::cli {

struct LiveOptions {
  bool live = false;
  std::vector<std::string> contexts;
  std::string kubeconfig;
  std::string save_dir;
  bool quiet = false;  // set from the command's -q: no progress
  // Set by the commands that report per cluster (audit); the others refuse
  // several --context rather than silently read only the first.
  bool several_clusters = false;
};

void add_live_options(CLI::App& app, LiveOptions& options);

// How many clusters the command reports on: one per --context (at least one).
size_t live_cluster_count(const LiveOptions& options);
// The name of cluster `index` in reports ("" for the current context).
std::string live_cluster_name(const LiveOptions& options, size_t index);

// Reads cluster `index` into `snapshot` (with --save, into DIR, or
// DIR/CONTEXT for several contexts) after the other sources; a no-op
// without --live. Returns an error when the cluster cannot be read at all.
std::string load_live(const LiveOptions& options, size_t index, model::Snapshot& snapshot, Diagnostics& diagnostics);

}  // namespace hybridctl::cli
