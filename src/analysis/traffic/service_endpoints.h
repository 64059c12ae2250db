// A Service's endpoints as the model sees them: from its EndpointSlices when
// it has any, else derived from its selector and the observed and simulated
// pods exactly as the EndpointSlice controller would write them; then the
// hints the controller is expected to set.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "analysis/traffic/traffic_context.h"

namespace hybridctl::analysis::traffic {

struct ServiceEndpoints {
  std::vector<EndpointView> endpoints;
  bool from_slices = false;
};

// Endpoints deduplicated by address within an address type, as kube-proxy does.
ServiceEndpoints gather_endpoints(const TrafficContext& context, const model::Service& service);

struct ExpectedHints {
  k8s::HintsMechanism mechanism = k8s::HintsMechanism::None;
  std::string removed_reason;
  bool ambiguous = false;
};

// Fills every endpoint's expected_hints with what the controller would write in the steady
// state, per address type, for `traffic_distribution` (the Service's or an override).
ExpectedHints assign_expected_hints(const TrafficContext& context, const model::Service& service,
                                    std::string_view traffic_distribution, std::vector<EndpointView>& endpoints);

}  // namespace hybridctl::analysis::traffic
