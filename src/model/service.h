// Services and EndpointSlices: what traffic and backend rules read.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/object_meta.h"

namespace hybridctl::model {

struct ServicePort {
  std::string name;
  int32_t port = 0;
  // targetPort: a number, or the name of a container port.
  int32_t target_port_number = 0;
  std::string target_port_name;
  int32_t node_port = 0;
};

struct Service : ObjectBase {
  std::string type = "ClusterIP";
  StringMap selector;
  bool has_selector = false;
  std::string cluster_ip;  // "None": headless
  std::vector<ServicePort> ports;
  std::string traffic_distribution;
  std::string internal_traffic_policy;  // Cluster (default) or Local
  std::string external_traffic_policy;
  std::string external_name;
  std::vector<std::string> external_ips;
  std::vector<std::string> load_balancer_ingress;
  bool publish_not_ready_addresses = false;

  bool headless() const { return cluster_ip == "None"; }
};

struct EndpointHints {
  std::vector<std::string> for_zones;
  std::vector<std::string> for_nodes;
};

struct Endpoint {
  std::vector<std::string> addresses;
  std::optional<bool> ready;
  std::optional<bool> serving;
  std::optional<bool> terminating;
  std::string node_name;
  std::string zone;
  std::optional<EndpointHints> hints;
  std::string target_kind;  // targetRef
  std::string target_name;
  std::string target_ns;
};

// A port an EndpointSlice (or a core/v1 Endpoints subset) serves: the
// API server picks the one whose name equals the Service port's name.
struct EndpointPort {
  std::string name;
  std::optional<int32_t> port;
};

struct EndpointSlice : ObjectBase {
  std::string service_name;  // label kubernetes.io/service-name
  std::string address_type;
  std::vector<Endpoint> endpoints;
  std::vector<EndpointPort> ports;
};

// core/v1 Endpoints: what older dumps (and `kubectl get endpoints`) carry
// where there are no EndpointSlices. Named after its Service.
struct EndpointAddress {
  std::string ip;
  std::string node_name;
  std::string target_kind;  // targetRef
  std::string target_name;
  std::string target_ns;
};

struct EndpointSubset {
  std::vector<EndpointAddress> addresses;            // ready
  std::vector<EndpointAddress> not_ready_addresses;  // not ready
  std::vector<EndpointPort> ports;
};

struct CoreEndpoints : ObjectBase {
  std::vector<EndpointSubset> subsets;
};

}  // namespace hybridctl::model
