#include "cli/traffic_command.h"

#include <algorithm>
#include <iostream>
#include <memory>

#include "analysis/traffic/service_weights.h"
#include "analysis/traffic/traffic_context.h"
#include "cli/common_options.h"
#include "cli/fast_exit.h"
#include "core/file_text.h"
#include "report/formats.h"

namespace hybridctl::cli {
namespace {

namespace traffic = analysis::traffic;

struct TrafficOptions {
  InputOptions input;
  CommonOptions common;
  std::string service;
  std::string from_node;
  std::string weights_file;
};

// The Services a --weights file names that the input lacks, sorted: a typo
// or a stale file would otherwise weigh them silently as nothing.
std::vector<std::string> unknown_weighted_services(const traffic::ServiceWeights& weights,
                                                   const model::Snapshot& snapshot) {
  std::vector<std::string> out;
  for (const auto& [name, rate] : weights.rates) {
    size_t slash = name.find('/');
    if (slash == std::string::npos || !snapshot.service(name.substr(0, slash), name.substr(slash + 1))) {
      out.push_back(name);
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

int run_traffic(const TrafficOptions& o) {
  model::Snapshot snapshot;
  Diagnostics diagnostics;
  FindingFilters filters;  // validated only: traffic prints no findings
  std::string usage = read_finding_filters(o.common, filters);
  if (usage.empty()) usage = load_snapshot(o.input, snapshot, diagnostics);
  std::optional<traffic::ServiceWeights> weights;
  if (usage.empty() && !o.weights_file.empty()) {
    std::optional<std::string> text = read_file_text(o.weights_file);
    std::string error;
    if (!text) {
      usage = "--weights: cannot read " + o.weights_file;
    } else {
      weights = traffic::parse_service_weights(*text, error);
      if (!weights) usage = "--weights " + o.weights_file + ": " + error;
    }
  }
  const model::Service* only = nullptr;
  if (usage.empty() && !o.service.empty()) {
    size_t slash = o.service.find('/');
    if (slash != std::string::npos) only = snapshot.service(o.service.substr(0, slash), o.service.substr(slash + 1));
    if (!only) usage = "--service: no Service " + o.service + " (expected NAMESPACE/NAME)";
  }
  const model::Node* client = nullptr;
  if (usage.empty() && !o.from_node.empty()) {
    client = snapshot.node(o.from_node);
    if (!client) usage = "--from-node: no Node " + o.from_node;
  }
  if (!usage.empty()) {
    std::cerr << "hybridctl traffic: " << usage << "\n";
    return 2;
  }
  print_diagnostics(diagnostics, o.common);
  if (weights && !o.common.quiet) {
    for (const std::string& name : unknown_weighted_services(*weights, snapshot)) {
      std::cerr << "hybridctl traffic: --weights " << o.weights_file << ": no Service " << name
                << " in the input (its rate is not counted)\n";
    }
  }
  traffic::TrafficContext context(traffic::TrafficInputs{snapshot});
  std::cout
      << report::find_format(o.common.output)->traffic(report::build_traffic_report(context, only, client, weights));
  return exit_without_teardown(diagnostics.has_errors() ? 2 : 0);
}

}  // namespace

void register_traffic(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<TrafficOptions>();
  CLI::App* cmd = app.add_subcommand("traffic",
                                     "Per Service: endpoints, hints, the endpoints each zone or "
                                     "node uses, cross-environment share");
  add_input_options(*cmd, options->input);
  add_common_options(*cmd, options->common, PrintsFindings::No, report::format_names(&report::Format::traffic));
  cmd->add_option("--service", options->service, "Only this Service (NAMESPACE/NAME)");
  cmd->add_option("--from-node", options->from_node, "Answer for one client node, as its kube-proxy (or Cilium) would");
  cmd->add_option("--weights", options->weights_file,
                  "Request rates per Service for the cluster total: lines of NAMESPACE/NAME RATE");
  cmd->callback([options, &exit_code] {
    options->input.live.quiet = options->common.quiet;  // -q silences --live's progress too
    exit_code = run_traffic(*options);
  });
}

}  // namespace hybridctl::cli
