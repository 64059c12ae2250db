// Flags shared by the commands that read a cluster (CLI.md "Inputs" and
// "Common flags"), and the loading of a snapshot from them.
#pragma once

#include <CLI/CLI.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "cli/live_options.h"
#include "core/diagnostic.h"
#include "decode/load_options.h"
#include "model/snapshot.h"
#include "report/baseline.h"
#include "report/report_model.h"
#include "rules/engine.h"

namespace hybridctl::cli {

struct InputOptions {
  std::vector<std::string> sources;
  std::string cluster_profile;
  std::vector<std::string> assume_nodes;
  std::string pod_network = "auto";
  std::vector<std::string> remote_pod_networks;
  std::vector<std::string> remote_node_networks;
  std::string kubernetes_version;
  LiveOptions live;
};

void add_input_options(CLI::App& app, InputOptions& options);

// CLI.md "Common flags", defined once for every command that reports: each
// command registers them with add_common_options and means the same by them.
struct CommonOptions {
  std::string output = "text";
  std::string fail_on = "error";
  std::string rules;       // --rules HN001,... (any case)
  std::string skip_rules;  // --skip-rules
  std::string baseline;    // --baseline FILE: a previous -o json output
  std::string write_baseline;
  bool no_color = false;
  bool quiet = false;
  bool all = false;  // --all / -v: every finding, never grouped
};

// Whether the command prints findings (audit, simulate): only those take
// --fail-on, --baseline, --write-baseline and --all. The others take the
// rest, so that one command line works across commands.
enum class PrintsFindings : bool { No, Yes };

// `formats`: what -o accepts (report::format_names of the command's report).
void add_common_options(CLI::App& app, CommonOptions& options, PrintsFindings prints_findings,
                        const std::vector<std::string>& formats);
// -o FORMAT: one of `formats`, text by default.
void add_output_option(CLI::App& app, std::string& output, const std::vector<std::string>& formats);

// What the common flags select, read before the run so that a bad flag
// fails fast: the rules, and the baseline's findings.
struct FindingFilters {
  rules::RuleSelection selection;
  std::optional<report::Baseline> baseline;
};

// The rule ids of a --rules/--skip-rules value ("HN001, hn005"), as the
// registry spells them; the first unknown id is a usage error in `error`.
std::set<std::string> split_rule_ids(const std::string& ids, std::string& error);

// A usage error ("unknown rule ...", an unreadable baseline), or "".
std::string read_finding_filters(const CommonOptions& options, FindingFilters& filters);

// Writes --write-baseline (every finding of the run, as -o json), then drops
// the findings --baseline already holds. A write error, or "".
std::string apply_baseline(const CommonOptions& options, const FindingFilters& filters, report::AuditReport& report);

// What the common flags ask of the renderer.
report::RenderOptions render_options(const CommonOptions& options);

// Colour only on a terminal, without --no-color or NO_COLOR.
bool use_color(const CommonOptions& options);
// Input errors always; notes unless -q.
void print_diagnostics(const Diagnostics& diagnostics, const CommonOptions& options);

// What-ifs and the placement's randomness (CLI.md: `simulate`, and `audit` too).
struct WhatIfOptions {
  std::vector<std::string> add_nodes;
  std::vector<std::string> drains;
  uint64_t seed = 1;
  int runs = 1;
};

void add_what_if_options(CLI::App& app, WhatIfOptions& options);

// Applies --add-nodes / --drain to the loaded snapshot (a no-op without
// them); returns a usage error, or "". A drain that names no node, zone or
// environment of the input is a usage error that lists what exists.
std::string apply_what_if_options(const WhatIfOptions& options, model::Snapshot& snapshot);

// Reads every source into `snapshot` and applies the cluster facts; usage
// errors (a bad flag value) are returned as a message. With --live, cluster
// `live_cluster` (see live_cluster_count) is read as one more source.
// `load` says what the files' decode records besides the objects.
std::string load_snapshot(const InputOptions& options, model::Snapshot& snapshot, Diagnostics& diagnostics,
                          size_t live_cluster = 0, const decode::LoadOptions& load = {});

// "1.31", "v1.31", "1.31.4", "v1.31.4-eks-a737599" -> "1.31"; nullopt for
// anything else (--kubernetes-version).
std::optional<std::string> normalise_kubernetes_version(std::string_view text);

}  // namespace hybridctl::cli
