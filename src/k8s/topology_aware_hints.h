// Topology Aware Hints, the `service.kubernetes.io/topology-mode: Auto`
// heuristic (endpointslice/topologycache: SetNodes, getAllocations, AddHints,
// getGivingAndReceivingZones, redistributeHints; KEP-2433): endpoints are
// hinted so each zone receives a share proportional to its allocatable CPU,
// or no endpoint gets hints at all when a safeguard trips.
#pragma once

#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <vector>

#include "k8s/endpoint_hints.h"
#include "model/node.h"

namespace hybridctl::k8s {

// The maximum overload any endpoint may be exposed to (topologycache.go).
inline constexpr double kOverloadThreshold = 0.2;

// The controller's node census. `ratios` is empty when the information is insufficient.
struct ZoneCpuCensus {
  std::map<std::string, int64_t> cpu_milli;
  std::map<std::string, double> ratios;
  std::string insufficient_reason;  // "" when ratios are usable
  bool sufficient() const { return insufficient_reason.empty(); }
};

// SetNodes: control-plane/master nodes and nodes whose Ready condition is not
// True are skipped; any other node without a zone or allocatable CPU voids the
// census; fewer than two zones too.
ZoneCpuCensus zone_cpu_census(std::span<const model::Node> nodes);

struct ZoneAllocation {
  int minimum = 0;
  int maximum = 0;
  double desired = 0;  // max(ratio * endpoints, minimum)
};

struct Allocations {
  std::map<std::string, ZoneAllocation> zones;
  std::string removed_reason;  // "" when allocations exist
};

// getAllocations for `ready_endpoints` endpoints. The floating-point minimum
// ceil(desired * (1/1.2)) is computed exactly as upstream does, in doubles.
Allocations allocate_zones(const std::map<std::string, double>& ratios, int ready_endpoints);

struct ZoneTransfers {
  std::map<std::string, int> giving;
  std::map<std::string, int> receiving;
  bool ambiguous = false;  // a tie upstream breaks by Go map order
};

// getGivingAndReceivingZones: whole endpoints moved from the zones with the most
// surplus to the zones with the most deficit until both are under one, or either under 0.5.
ZoneTransfers giving_and_receiving_zones(const std::map<std::string, ZoneAllocation>& allocations,
                                         const std::map<std::string, int>& allocated_by_zone);

struct AutoHints {
  std::vector<Hints> hints;    // one per endpoint, in input order
  std::string removed_reason;  // "" when hints were set
  // Upstream's choice among receiving zones follows Go map order: with two or
  // more candidates the result is one of several valid answers.
  bool ambiguous = false;
  std::map<std::string, int> hints_by_zone;  // endpoints hinted for each zone
};

// AddHints over every endpoint of one Service and address type, as if every slice were
// being written (the steady state): ready endpoints are hinted, unready ones keep their hints.
AutoHints topology_aware_hints(const ZoneCpuCensus& census, std::span<const ControllerEndpoint> endpoints);

// serviceOverloaded: some zone has no hinted endpoint or fewer than
// ceil(total * ratio / 1.2); the controller then resyncs the Service.
bool service_overloaded(const std::map<std::string, int>& hints_by_zone, const std::map<std::string, double>& ratios);

}  // namespace hybridctl::k8s
