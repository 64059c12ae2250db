#include "cli/traffic_command.h"

#include <algorithm>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

#include "analysis/traffic/service_weights.h"
#include "analysis/traffic/traffic_context.h"
#include "analysis/traffic/traffic_model.h"
#include "cli/common_options.h"
#include "cli/fast_exit.h"
#include "core/json_writer.h"
#include "fmt/format.h"

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

struct TrafficResult {
  std::vector<traffic::ServiceTraffic> services;
  std::optional<traffic::ServiceWeights> weights;
};

void write_hints(JsonWriter& w, const std::optional<model::EndpointHints>& h) {
  if (!h) {
    w.null();
    return;
  }
  w.begin_object();
  if (!h->for_zones.empty()) {
    w.key("forZones").begin_array();
    for (const auto& z : h->for_zones) w.string(z);
    w.end_array();
  }
  if (!h->for_nodes.empty()) {
    w.key("forNodes").begin_array();
    for (const auto& n : h->for_nodes) w.string(n);
    w.end_array();
  }
  w.end_object();
}

void write_route(JsonWriter& w, const traffic::Route& r) {
  w.begin_object();
  w.key("fromZone").string(r.from_zone);
  if (!r.from_node.empty()) w.key("fromNode").string(r.from_node);
  w.key("endpoints").begin_array();
  for (const auto& e : r.endpoints) w.string(e);
  w.end_array();
  w.key("toZones").begin_object();
  for (const auto& [zone, share] : r.to_zones) w.key(zone).number(share);
  w.end_object();
  w.end_object();
}

void write_share(JsonWriter& w, double cloud_to_hybrid, double hybrid_to_cloud) {
  w.begin_object();
  w.key("cloudToHybrid").number(cloud_to_hybrid);
  w.key("hybridToCloud").number(hybrid_to_cloud);
  w.end_object();
}

std::string render_json(const TrafficResult& result) {
  JsonWriter w(2);
  w.begin_object().key("services").begin_array();
  for (const traffic::ServiceTraffic& st : result.services) {
    w.begin_object();
    w.key("namespace").string(st.service->meta.ns);
    w.key("name").string(st.service->meta.name);
    w.key("trafficDistribution");
    st.traffic_distribution.empty() ? w.null() : w.string(st.traffic_distribution);
    w.key("endpoints").begin_array();
    for (const traffic::EndpointView& e : st.endpoints) {
      w.begin_object();
      w.key("address").string(e.address);
      w.key("zone").string(e.zone);
      w.key("node").string(e.node);
      w.key("environment").string(model::environment_name(e.environment));
      w.key("ready").boolean(e.ready);
      w.key("hints");
      write_hints(w, e.observed_hints);
      w.key("expectedHints");
      write_hints(w, e.expected_hints);
      w.end_object();
    }
    w.end_array();
    w.key("expectedHintsAmbiguous").boolean(st.expected_hints_ambiguous);
    w.key("routes").begin_array();
    for (const traffic::Route& r : st.routes) write_route(w, r);
    w.end_array();
    w.key("crossEnvironmentShare");
    write_share(w, st.cloud_to_hybrid, st.hybrid_to_cloud);
    w.end_object();
  }
  w.end_array();
  // The cluster total (not in CLI.md's per-Service sketch): Services weighed equally, or by
  // --weights.
  traffic::CrossEnvironmentShare total =
      traffic::cluster_share(result.services, result.weights ? &*result.weights : nullptr);
  w.key("crossEnvironmentShare");
  write_share(w, total.cloud_to_hybrid, total.hybrid_to_cloud);
  w.end_object();
  std::string out = w.take();
  out += '\n';
  return out;
}

std::string hints_text(const std::optional<model::EndpointHints>& h) {
  if (!h) return "none";
  std::string out;
  if (!h->for_zones.empty()) out += "zones=" + fmt::format("{}", fmt::join(h->for_zones, ","));
  if (!h->for_nodes.empty()) out += (out.empty() ? "" : " ") + fmt::format("nodes={}", fmt::join(h->for_nodes, ","));
  return out.empty() ? "empty" : out;
}

const char* mechanism_text(traffic::HintsMechanism m) {
  switch (m) {
    case traffic::HintsMechanism::None:
      return "none";
    case traffic::HintsMechanism::TrafficDistribution:
      return "trafficDistribution";
    case traffic::HintsMechanism::TopologyAuto:
      return "topology-mode Auto";
  }
  return "?";
}

std::string render_text(const TrafficResult& result) {
  std::ostringstream out;
  for (const traffic::ServiceTraffic& st : result.services) {
    out << st.service->meta.ns << '/' << st.service->meta.name
        << "  trafficDistribution: " << (st.traffic_distribution.empty() ? "-" : st.traffic_distribution)
        << "  hints by: " << mechanism_text(st.mechanism);
    if (!st.hints_removed_reason.empty()) out << " (none set: " << st.hints_removed_reason << ")";
    if (st.expected_hints_ambiguous) out << " (one of several valid allocations)";
    out << "\n  endpoints" << (st.endpoints_from_slices ? " (EndpointSlices):" : " (from pods):") << "\n";
    for (const traffic::EndpointView& e : st.endpoints) {
      out << fmt::format("    {:<16} {:<14} {:<6} {:<6} node {}  hints {}  expected {}\n", e.address,
                         e.zone.empty() ? "(no zone)" : e.zone, model::environment_name(e.environment),
                         e.ready ? "ready" : "-", e.node.empty() ? "-" : e.node, hints_text(e.observed_hints),
                         hints_text(e.expected_hints));
    }
    out << "  routes:\n";
    for (const traffic::Route& r : st.routes) {
      out << "    from " << (r.from_zone.empty() ? "(no zone)" : r.from_zone);
      if (!r.from_node.empty()) out << " node " << r.from_node;
      out << ": ";
      if (r.endpoints.empty()) out << "(none)";
      std::vector<std::string> zones;
      zones.reserve(r.to_zones.size());
      for (const auto& [z, s] : r.to_zones) zones.push_back(fmt::format("{} {:.2f}", z.empty() ? "(no zone)" : z, s));
      out << fmt::format("{}", fmt::join(r.endpoints, ", "));
      if (!zones.empty()) out << " -> " << fmt::format("{}", fmt::join(zones, ", "));
      out << "  [" << r.why << "]\n";
    }
    out << fmt::format("  cross-environment: cloud->hybrid {:.2f}, hybrid->cloud {:.2f}\n\n", st.cloud_to_hybrid,
                       st.hybrid_to_cloud);
  }
  traffic::CrossEnvironmentShare total =
      traffic::cluster_share(result.services, result.weights ? &*result.weights : nullptr);
  out << fmt::format("cluster ({} Services, {}): cloud->hybrid {:.2f}, hybrid->cloud {:.2f}\n", result.services.size(),
                     result.weights ? "weighted by --weights" : "weighted equally", total.cloud_to_hybrid,
                     total.hybrid_to_cloud);
  return out.str();
}

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
  TrafficResult result;
  if (usage.empty() && !o.weights_file.empty()) {
    std::ifstream f(o.weights_file, std::ios::binary);
    std::stringstream text;
    text << f.rdbuf();
    std::string error;
    if (!f) {
      usage = "--weights: cannot read " + o.weights_file;
    } else {
      result.weights = traffic::parse_service_weights(text.str(), error);
      if (!result.weights) usage = "--weights " + o.weights_file + ": " + error;
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
  if (result.weights && !o.common.quiet) {
    for (const std::string& name : unknown_weighted_services(*result.weights, snapshot)) {
      std::cerr << "hybridctl traffic: --weights " << o.weights_file << ": no Service " << name
                << " in the input (its rate is not counted)\n";
    }
  }
  traffic::TrafficContext context(traffic::TrafficInputs{snapshot});
  if (only) {
    result.services.push_back(traffic::model_service(context, *only));
  } else {
    result.services = traffic::model_traffic(context);
  }
  if (client) {
    // One route per Service: exactly what this node's data plane uses.
    for (traffic::ServiceTraffic& st : result.services) {
      st.routes.assign(1, traffic::route_from_node(context, st, *client));
      const traffic::Route& only_route = st.routes.front();
      const bool dropped = only_route.endpoints.empty();
      st.cloud_to_hybrid = client->is_hybrid() || dropped ? 0.0 : only_route.to_hybrid;
      st.hybrid_to_cloud = !client->is_hybrid() || dropped ? 0.0 : 1.0 - only_route.to_hybrid;
    }
  }
  std::cout << (o.common.output == "json" ? render_json(result) : render_text(result));
  return exit_without_teardown(diagnostics.has_errors() ? 2 : 0);
}

}  // namespace

void register_traffic(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<TrafficOptions>();
  CLI::App* cmd = app.add_subcommand("traffic",
                                     "Per Service: endpoints, hints, the endpoints each zone or "
                                     "node uses, cross-environment share");
  add_input_options(*cmd, options->input);
  add_common_options(*cmd, options->common, PrintsFindings::No);
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
