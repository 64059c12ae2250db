// Request rates per Service for the cluster-wide cross-environment share
// (`hybridctl traffic --weights FILE`). The file is plain text, one Service a line:
//
//   # namespace/name   requests per second (any unit, the same for every line)
//   kube-system/kube-dns  1200
//   shop/checkout         35.5
//
// Blank lines and text after '#' are ignored. A Service listed twice is an
// error; a Service not listed weighs 0 once a file is given.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>

#include "analysis/traffic/traffic_model.h"

namespace hybridctl::analysis::traffic {

struct ServiceWeights {
  std::unordered_map<std::string, double> rates;  // "namespace/name" → rate
  double of(const model::Service& service) const;
};

// nullopt and `error` ("line N: ...") when the text is not in the format above.
std::optional<ServiceWeights> parse_service_weights(std::string_view text, std::string& error);

struct CrossEnvironmentShare {
  double cloud_to_hybrid = 0, hybrid_to_cloud = 0;
};

// The cluster's share: the mean over Services with endpoints, or weighted by `weights` when
// given.
CrossEnvironmentShare cluster_share(std::span<const ServiceTraffic> services, const ServiceWeights* weights);

}  // namespace hybridctl::analysis::traffic
