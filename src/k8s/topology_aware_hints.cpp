#include "k8s/topology_aware_hints.h"

#include <cmath>

namespace hybridctl::k8s {
namespace {

// Event messages of endpointslice/topologycache/event.go, so a user can grep for them.
constexpr const char* kInsufficientNodeInfo =
    "Insufficient Node information: allocatable CPU or zone not specified on one or more nodes";
constexpr const char* kNodesReadyInOneZoneOnly = "Nodes only ready in one zone";
constexpr const char* kInsufficientNumberOfEndpoints = "Insufficient number of endpoints";
constexpr const char* kMinAllocationExceedsOverloadThreshold =
    "Unable to allocate minimum required endpoints to each zone without exceeding overload "
    "threshold";
constexpr const char* kNoZoneSpecified = "One or more endpoints do not have a Zone specified";
constexpr const char* kNoAllocatedHintsForZones = "No hints allocated for zones";

bool has_excluded_label(const model::Node& node) {
  return node.meta.labels.contains("node-role.kubernetes.io/control-plane") ||
         node.meta.labels.contains("node-role.kubernetes.io/master");
}

// getMost: the zone with the largest positive value. On a tie upstream picks by Go map order;
// `prefer_last` picks the other end so a caller can tell whether the tie matters.
std::pair<std::string, double> most(const std::map<std::string, double>& zones, bool prefer_last) {
  std::string zone;
  double num = 0;
  for (const auto& [z, n] : zones) {
    if (n > num || (prefer_last && n == num && n > 0)) {
      zone = z;
      num = n;
    }
  }
  return {zone, num};
}

ZoneTransfers greedy_transfers(const std::map<std::string, ZoneAllocation>& allocations,
                               const std::map<std::string, int>& allocated_by_zone, bool prefer_last) {
  std::map<std::string, double> giving_desired, receiving_desired;
  for (const auto& [zone, a] : allocations) {
    auto it = allocated_by_zone.find(zone);
    double allocated = it == allocated_by_zone.end() ? 0.0 : static_cast<double>(it->second);
    if (allocated > a.desired) giving_desired[zone] = allocated - a.desired;
    if (allocated < a.desired) receiving_desired[zone] = a.desired - allocated;
  }
  ZoneTransfers out;
  for (;;) {
    auto [giver, give] = most(giving_desired, prefer_last);
    auto [receiver, receive] = most(receiving_desired, prefer_last);
    if (giver.empty() || receiver.empty() || (give < 1.0 && receive < 1.0) || give < 0.5 || receive < 0.5) {
      break;
    }
    ++out.giving[giver];
    giving_desired[giver] -= 1;
    ++out.receiving[receiver];
    receiving_desired[receiver] -= 1;
  }
  return out;
}

AutoHints removed(std::span<const ControllerEndpoint> endpoints, std::string reason) {
  AutoHints out;
  out.hints.assign(endpoints.size(), std::nullopt);
  out.removed_reason = std::move(reason);
  return out;
}

}  // namespace

ZoneCpuCensus zone_cpu_census(std::span<const model::Node> nodes) {
  ZoneCpuCensus census;
  int64_t total = 0;
  for (const model::Node& node : nodes) {
    if (has_excluded_label(node)) continue;
    if (!node.ready.value_or(false)) continue;
    std::string_view zone = node.zone();
    if (zone.empty() || node.allocatable_cpu_milli <= 0) {
      census.cpu_milli.clear();
      census.insufficient_reason = kInsufficientNodeInfo;
      census.insufficient_reason += " (node " + node.meta.name + ")";
      return census;
    }
    census.cpu_milli[std::string(zone)] += node.allocatable_cpu_milli;
    total += node.allocatable_cpu_milli;
  }
  if (total == 0 || census.cpu_milli.size() < 2) {
    census.insufficient_reason = census.cpu_milli.empty() ? std::string(kInsufficientNodeInfo) + " (no ready node)"
                                                          : std::string(kNodesReadyInOneZoneOnly);
    census.cpu_milli.clear();
    return census;
  }
  for (const auto& [zone, cpu] : census.cpu_milli) {
    census.ratios[zone] = static_cast<double>(cpu) / static_cast<double>(total);
  }
  return census;
}

Allocations allocate_zones(const std::map<std::string, double>& ratios, int ready_endpoints) {
  Allocations out;
  if (ratios.empty()) {
    out.removed_reason = kInsufficientNodeInfo;
    return out;
  }
  const int zones = static_cast<int>(ratios.size());
  if (zones < 2) {
    out.removed_reason = kNodesReadyInOneZoneOnly;
    return out;
  }
  auto counts = " (" + std::to_string(ready_endpoints) + " endpoints, " + std::to_string(zones) + " zones)";
  if (zones > ready_endpoints) {
    out.removed_reason = kInsufficientNumberOfEndpoints + counts;
    return out;
  }
  int min_total = 0;
  for (const auto& [zone, ratio] : ratios) {
    double desired = ratio * static_cast<double>(ready_endpoints);
    // Same expression and order as upstream: the double rounding is part of the behaviour.
    int minimum = static_cast<int>(std::ceil(desired * (1 / (1 + kOverloadThreshold))));
    out.zones[zone] = ZoneAllocation{minimum, 0, std::max(desired, static_cast<double>(minimum))};
    min_total += minimum;
  }
  if (min_total > ready_endpoints) {
    out.zones.clear();
    out.removed_reason = kMinAllocationExceedsOverloadThreshold + counts;
    return out;
  }
  for (auto& [zone, a] : out.zones) a.maximum = a.minimum + ready_endpoints - min_total;
  return out;
}

ZoneTransfers giving_and_receiving_zones(const std::map<std::string, ZoneAllocation>& allocations,
                                         const std::map<std::string, int>& allocated_by_zone) {
  ZoneTransfers out = greedy_transfers(allocations, allocated_by_zone, false);
  ZoneTransfers other = greedy_transfers(allocations, allocated_by_zone, true);
  out.ambiguous = out.giving != other.giving || out.receiving != other.receiving;
  return out;
}

AutoHints topology_aware_hints(const ZoneCpuCensus& census, std::span<const ControllerEndpoint> endpoints) {
  int ready = 0;
  for (const ControllerEndpoint& ep : endpoints) ready += ep.ready ? 1 : 0;
  Allocations allocations = allocate_zones(census.ratios, ready);
  if (!allocations.removed_reason.empty()) {
    // The census names the node that voided it; more useful than the bare event text.
    return removed(endpoints, census.sufficient() ? allocations.removed_reason : census.insufficient_reason);
  }
  AutoHints out;
  out.hints.reserve(endpoints.size());
  // Step 1: every ready endpoint hinted for its own zone; a ready endpoint without a zone
  // removes every hint (NoZoneSpecified).
  for (const ControllerEndpoint& ep : endpoints) {
    if (!ep.ready) {
      out.hints.push_back(ep.existing_hints ? Hints(*ep.existing_hints) : std::nullopt);
      continue;
    }
    if (ep.zone.empty()) return removed(endpoints, kNoZoneSpecified);
    ++out.hints_by_zone[std::string(ep.zone)];
    out.hints.push_back(model::EndpointHints{{std::string(ep.zone)}, {}});
  }
  // Steps 2 and 3: move whole endpoints from zones over their share to zones under it,
  // walking ready endpoints in order.
  ZoneTransfers transfers = giving_and_receiving_zones(allocations.zones, out.hints_by_zone);
  out.ambiguous = transfers.ambiguous;
  auto& giving = transfers.giving;
  auto& receiving = transfers.receiving;
  for (size_t i = 0; i < endpoints.size(); ++i) {
    const ControllerEndpoint& ep = endpoints[i];
    if (!ep.ready) continue;
    if (giving.empty() || receiving.empty()) break;
    auto give = giving.find(std::string(ep.zone));
    if (give == giving.end()) continue;
    // Upstream takes any receiving zone with quota left (Go map order).
    if (receiving.size() > 1) out.ambiguous = true;
    auto receive = receiving.begin();
    out.hints[i] = model::EndpointHints{{receive->first}, {}};
    --out.hints_by_zone[give->first];
    ++out.hints_by_zone[receive->first];
    if (--give->second == 0) giving.erase(give);
    if (--receive->second == 0) receiving.erase(receive);
  }
  for (auto it = out.hints_by_zone.begin(); it != out.hints_by_zone.end();) {
    it = it->second == 0 ? out.hints_by_zone.erase(it) : std::next(it);
  }
  if (out.hints_by_zone.empty()) return removed(endpoints, kNoAllocatedHintsForZones);
  return out;
}

bool service_overloaded(const std::map<std::string, int>& hints_by_zone, const std::map<std::string, double>& ratios) {
  if (hints_by_zone.empty()) return false;
  if (ratios.empty()) return true;
  double total = 0;
  for (const auto& [zone, n] : hints_by_zone) total += n;
  for (const auto& [zone, ratio] : ratios) {
    auto it = hints_by_zone.find(zone);
    if (it == hints_by_zone.end()) return true;
    if (it->second < static_cast<int>(std::ceil(total * ratio * (1 / (1 + kOverloadThreshold))))) {
      return true;
    }
  }
  return false;
}

}  // namespace hybridctl::k8s
