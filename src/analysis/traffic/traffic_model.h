// The Service traffic model: for every Service, its endpoints with observed
// and expected hints, which endpoints each client zone (or node) is sent to,
// and the share of traffic that crosses between cloud and on-premises.
//
// Semantics live in src/k8s (traffic_distribution, topology_aware_hints,
// proxy_topology); this layer gathers the inputs from a snapshot and adds
// the arithmetic: a data plane picks uniformly among the endpoints it
// chose, and a zone's clients are spread uniformly over the zone's nodes.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "k8s/traffic_distribution.h"
#include "model/snapshot.h"

namespace hybridctl::analysis {
class EndpointLocator;
class PodsByName;
}  // namespace hybridctl::analysis

namespace hybridctl::analysis::traffic {

struct EndpointView {
  std::string address, node, zone;
  model::Environment environment = model::Environment::Cloud;
  bool ready = false, serving = false, terminating = false;  // kube-proxy's reading
  const model::Pod* pod = nullptr;                           // may be null
  // Where it runs could not be told (no known node, range or zone): counted
  // as cloud by the shares, and never reachable for sure (analysis/reachability).
  bool environment_unknown = false;
  bool host_network = false;  // reached at its node's IP
  std::optional<model::EndpointHints> observed_hints, expected_hints;
  bool controller_ready = false;  // the controller's reading: conditions.ready set and true
  std::string address_type = "IPv4";
};

struct Route {
  std::string from_zone, from_node;    // from_node empty: every node of the zone not listed apart
  std::vector<std::string> endpoints;  // addresses; empty: the traffic is dropped
  std::map<std::string, double> to_zones;
  double to_hybrid = 0;           // the share landing on endpoints in the hybrid environment
  bool fell_back_to_all = false;  // hints exist but this node's data plane uses every endpoint
  std::string why;
  // The client nodes this route stands for, by environment (the weights of the shares).
  uint32_t cloud_clients = 0, hybrid_clients = 0;
};

using HintsMechanism = k8s::HintsMechanism;

struct ServiceTraffic {
  const model::Service* service = nullptr;
  HintsMechanism mechanism = HintsMechanism::None;
  std::vector<EndpointView> endpoints;
  std::vector<Route> routes;
  std::string hints_removed_reason;  // why the controller would set no hints ("" when it sets them)
  bool expected_hints_ambiguous = false;
  double cloud_to_hybrid = 0, hybrid_to_cloud = 0;
  // The trafficDistribution the model used (the Service's, or the override).
  std::string traffic_distribution;
  bool endpoints_from_slices = false;  // else derived from the selector and pods
  // Routes follow the expected hints when endpoints were derived or trafficDistribution
  // overridden; otherwise the hints kube-proxy reads today, the observed ones.
  bool routes_use_expected_hints = false;
};

struct TrafficInputs {
  const model::Snapshot& snapshot;
  std::span<const model::Pod> extra_pods = {};
  // Where endpoints run (Analyses' own); nullptr: the context builds one.
  const EndpointLocator* locator = nullptr;
  // The snapshot's pods by name (Analyses' own); nullptr: the context
  // indexes them itself.
  const PodsByName* snapshot_pods = nullptr;
};

class TrafficContext;

// The whole cluster, every Service but ExternalName ones, in snapshot order.
std::vector<ServiceTraffic> model_traffic(const TrafficInputs& in);
std::vector<ServiceTraffic> model_traffic(const TrafficContext& context);

// One Service, optionally as if its trafficDistribution were `override_td` (HN007: "the
// share PreferClose would remove"). Build a TrafficContext once to model many Services.
ServiceTraffic model_service(const TrafficInputs& in, const model::Service& svc,
                             std::optional<std::string> override_td = std::nullopt);
ServiceTraffic model_service(const TrafficContext& context, const model::Service& svc,
                             std::optional<std::string> override_td = std::nullopt);

// What kube-proxy (or Cilium) on this client node uses.
Route route_from_node(const TrafficInputs& in, const ServiceTraffic& st, const model::Node& client);
Route route_from_node(const TrafficContext& context, const ServiceTraffic& st, const model::Node& client);

// The Service's traffic as one client node sends it (`traffic --from-node`):
// its one route, the one that node's data plane takes, and that route's
// crossing share as the Service's (none when the node's route drops the
// connection).
void narrow_to_client(const TrafficContext& context, ServiceTraffic& st, const model::Node& client);

// Row: client zone; column: endpoint zone; value: the share of the row zone's traffic.
using ZoneMatrix = std::map<std::string, std::map<std::string, double>>;
ZoneMatrix zone_matrix(const ServiceTraffic& st);

}  // namespace hybridctl::analysis::traffic
