// `hybridctl traffic`'s report: per Service its endpoints, hints, the
// endpoints each client zone (or one client node) uses and the
// cross-environment share, and the cluster's total. Built by calling the
// traffic analysis; the renderers only lay it out.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "analysis/traffic/service_weights.h"
#include "analysis/traffic/traffic_context.h"
#include "analysis/traffic/traffic_model.h"

namespace hybridctl::report {

struct TrafficReport {
  std::vector<analysis::traffic::ServiceTraffic> services;
  bool weighted = false;  // the total is weighted by --weights (else every Service equally)
  analysis::traffic::CrossEnvironmentShare total;
};

// Every Service, or `only`; with `client`, each Service's one route is the
// one that node's data plane takes, and its share is that route's.
TrafficReport build_traffic_report(const analysis::traffic::TrafficContext& context, const model::Service* only,
                                   const model::Node* client,
                                   const std::optional<analysis::traffic::ServiceWeights>& weights);

// CLI.md's `traffic -o json` document (and the cluster total, which CLI.md's sketch leaves out).
std::string render_traffic_json(const TrafficReport& report);
std::string render_traffic_text(const TrafficReport& report);

}  // namespace hybridctl::report
