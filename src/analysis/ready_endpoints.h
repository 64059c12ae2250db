// "Where do this Service's endpoints run": every endpoint the cluster lists
// for a Service — from its EndpointSlices, else its core/v1 Endpoints, else
// (offline, pods only) the ready pods its selector matches — with its
// address, node, zone, environment and the Pod when the input has it.
// Every rule, `traffic` and `webhooks` ask this one place (RULES.md
// "control-plane-called backend", "ready endpoint").
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "analysis/routability.h"
#include "core/cidr.h"
#include "model/snapshot.h"

namespace hybridctl::analysis {

// Unknown is its own answer: an endpoint whose node and address say nothing
// is never taken for a cloud one (RULES.md).
enum class EndpointEnvironment : uint8_t { Cloud, Hybrid, Unknown };
const char* endpoint_environment_name(EndpointEnvironment e);

// Where an address runs, and what says so.
struct Location {
  EndpointEnvironment environment = EndpointEnvironment::Unknown;
  const model::Node* node = nullptr;  // the endpoint's node, when the input has it
  // How the environment was found, in words: "inside remotePodNetworks
  // 10.85.0.0/16", ... Empty for a location found by its node's name, which
  // evidence() words when asked: the traffic model locates every endpoint of
  // every Service, and few locations are ever put into a message.
  std::string evidence_text;
  std::string evidence() const { return evidence_text.empty() && node ? "node " + node->meta.name : evidence_text; }
};

// The known address ranges of each environment: Node podCIDRs and
// InternalIPs, the CNI pools serving hybrid nodes, remotePodNetworks and
// remoteNodeNetworks, and the IPs of pods on known nodes.
class EndpointLocator {
 public:
  EndpointLocator(const model::Snapshot& snapshot, const Routability& routability);

  // By node name when the node is known; else by the address's range; else
  // by the zone when only one environment uses it; else Unknown.
  Location locate(std::string_view node_name, std::string_view address, std::string_view zone = {}) const;
  // By the address alone (a webhook's `url:` host).
  Location locate_address(std::string_view address) const;

 private:
  struct Range {
    Cidr cidr;
    EndpointEnvironment environment;
    std::string source;
  };
  const model::Snapshot& snapshot_;
  std::vector<Range> ranges_;  // most specific first
  std::unordered_map<std::string_view, const model::Node*> nodes_by_ip_;
};

enum class EndpointSource : uint8_t { EndpointSlice, Endpoints, Selector };
const char* endpoint_source_name(EndpointSource s);

// One endpoint. Views point into the snapshot, which outlives every use.
struct ServiceEndpoint {
  std::string_view address;
  std::string_view address_type = "IPv4";
  std::string_view node_name;
  std::string_view zone;
  Location location;
  const model::Pod* pod = nullptr;  // nullptr when the input has no such Pod
  bool host_network = false;        // the Pod says so, or the address is its node's own
  // Conditions as written (EndpointSlice); Endpoints and selected pods set ready only.
  std::optional<bool> ready, serving, terminating;
  const model::EndpointHints* hints = nullptr;
  const model::Endpoint* slice_endpoint = nullptr;  // the EndpointSlice entry, when from one
  EndpointSource source = EndpointSource::EndpointSlice;
  const model::ObjectBase* listed_by = nullptr;  // the EndpointSlice or Endpoints object
  std::vector<model::EndpointPort> ports;        // the ports its slice or subset serves

  // The API server's and kube-proxy's reading: a missing ready condition means ready.
  bool is_ready() const { return ready.value_or(true); }
  // "10.85.1.7 on hybrid node mi-1 (pod webhook-0)" for messages.
  std::string describe() const;
};

struct ServiceEndpoints {
  std::vector<ServiceEndpoint> endpoints;
  // What listed them: EndpointSlices when any exist, else core/v1 Endpoints,
  // else the Service's selector over the input's pods.
  std::optional<EndpointSource> listed_by;
};

using PodFinder = std::function<const model::Pod*(std::string_view ns, std::string_view name)>;

// Every endpoint the cluster lists for Service ns/name (ready or not), from
// its EndpointSlices, else its core/v1 Endpoints; nothing when neither is in
// the input. Duplicate addresses within an address type are kept once.
ServiceEndpoints listed_endpoints(const model::Snapshot& snapshot, const EndpointLocator& locator,
                                  const PodFinder& find_pod, std::string_view ns, std::string_view name);

// The ready endpoints of a Service: the listed ones that are ready, and the
// input's ready pods its selector matches (declaring any named targetPort)
// that no list names — offline manifests and pod-only dumps have no lists.
ServiceEndpoints ready_endpoints(const model::Snapshot& snapshot, const EndpointLocator& locator,
                                 const PodFinder& find_pod, const model::Service& service);

// True when the pod's containers declare every named targetPort of the Service.
bool declares_named_ports(const model::Pod& pod, const model::Service& service);

}  // namespace hybridctl::analysis
