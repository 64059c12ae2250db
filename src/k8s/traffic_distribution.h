// The EndpointSlice controller's choice of hint heuristic (reconciler.go,
// hintsEnabled) and the trafficDistribution heuristic itself
// (endpointslice/trafficdist/trafficdist.go, KEP-4444 and KEP-3015).
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/string_map.h"
#include "k8s/endpoint_hints.h"

namespace hybridctl::k8s {

inline constexpr std::string_view kTopologyModeAnnotation = "service.kubernetes.io/topology-mode";
inline constexpr std::string_view kTopologyAwareHintsAnnotation = "service.kubernetes.io/topology-aware-hints";

enum class HintsMechanism { None, TrafficDistribution, TopologyAuto };

struct MechanismChoice {
  HintsMechanism mechanism = HintsMechanism::None;
  bool node_hints = false;  // PreferSameNode: forNodes as well as forZones
  std::string why_none;     // why every hint is removed ("" unless mechanism is None)
};

// The value of the topology annotation the controller reads: the deprecated
// topology-aware-hints key when present (even if topology-mode says Auto), else
// topology-mode; nullptr when neither is set.
const std::string* topology_annotation(const StringMap& annotations);

// hintsEnabled: the annotation value is exactly "Auto" or "auto".
bool topology_annotation_enabled(const StringMap& annotations);

// Which heuristic writes the Service's hints. The annotation wins over
// trafficDistribution; an unset, unknown or gated-off trafficDistribution removes every hint.
MechanismChoice choose_hints_mechanism(const StringMap& annotations, std::string_view traffic_distribution,
                                       const HintsFeatureGates& gates);

// preferCloseHeuristic.update for every endpoint: a ready endpoint gets
// forZones=[own zone] when it has a zone and, with `node_hints`, forNodes=[own
// node]; neither gives no hints. Unready endpoints keep what they had.
std::vector<Hints> traffic_distribution_hints(std::span<const ControllerEndpoint> endpoints, bool node_hints);

}  // namespace hybridctl::k8s
