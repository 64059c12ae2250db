// What the EndpointSlice controller and kube-proxy share about topology
// hints: the feature gates that decide which hints exist, and one endpoint as
// the controller reads it (staging/src/k8s.io/endpointslice).
#pragma once

#include <optional>
#include <string_view>

#include "model/service.h"

namespace hybridctl::k8s {

using Hints = std::optional<model::EndpointHints>;

// The gates that change hint semantics (K8S-SEMANTICS.md D). Defaults are the
// newest release: everything on.
struct HintsFeatureGates {
  // trafficDistribution: PreferClose (alpha 1.30, beta on 1.31, GA 1.33). Before it, kube-proxy
  // also required the topology annotation to honour hints.
  bool service_traffic_distribution = true;
  // PreferSameZone / PreferSameNode and forNodes hints (alpha 1.33, beta on 1.34, GA 1.35).
  bool prefer_same_traffic_distribution = true;

  // The gates' defaults for a Kubernetes version "1.31", "v1.31.2" or "1.31+"; an empty or
  // unparsable version gives the newest defaults.
  static HintsFeatureGates for_version(std::string_view version);
};

// One endpoint as the EndpointSlice controller reads it.
struct ControllerEndpoint {
  std::string_view zone;       // "" when the endpoint has none
  std::string_view node_name;  // "" when the endpoint has none
  bool ready = false;          // the controller's test: conditions.ready set and true
  // Hints already on the object: unready endpoints keep them (both heuristics skip them).
  const model::EndpointHints* existing_hints = nullptr;
};

}  // namespace hybridctl::k8s
