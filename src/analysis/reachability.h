// "Is this endpoint reachable from the control plane and the VPC": the one
// answer every rule, `traffic` and `webhooks` use (RULES.md "pod network
// routability"). A pod IP on a hybrid node needs remotePodNetworks and a
// route (BGP); a hostNetwork pod is reached at its node's IP, which needs
// remoteNodeNetworks; a cloud endpoint is always reachable; an endpoint
// whose environment is unknown is unknown.
#pragma once

#include <string>
#include <string_view>

#include "analysis/ready_endpoints.h"
#include "analysis/routability.h"
#include "analysis/traffic/traffic_model.h"
#include "model/snapshot.h"

namespace hybridctl::analysis {

struct Reach {
  model::PodNetwork network = model::PodNetwork::Routable;  // Routable: reachable
  std::string why;                                          // one clause, for messages
  bool reachable() const { return network == model::PodNetwork::Routable; }
};

class Reachability {
 public:
  Reachability(const model::Snapshot& snapshot, const Routability& routability)
      : snapshot_(snapshot), routability_(routability) {}

  Reach of_endpoint(const ServiceEndpoint& endpoint) const;
  // An endpoint as the traffic model sees it (kube-proxy's clients in the cloud).
  Reach of_endpoint(const traffic::EndpointView& endpoint) const;
  // A running pod on `node` (its IP, or its node's IP with hostNetwork).
  Reach of_pod(const model::Pod& pod, const model::Node& node) const;
  // An address found somewhere (a webhook's url host), as located.
  Reach of_address(const Location& where, std::string_view address, bool host_network) const;
  // A hybrid node's own IP: inside remoteNodeNetworks, or not known to be outside.
  Reach of_node_ip(const model::Node& node) const;
  // Pods of `spec` not placed yet, should they land on a hybrid node.
  Reach of_template_on_hybrid(const model::PodSpec& spec) const;

  const Routability& routability() const { return routability_; }

 private:
  Reach of_pod_ip(std::string_view address, const model::Node* node) const;

  const model::Snapshot& snapshot_;
  const Routability& routability_;
};

}  // namespace hybridctl::analysis
