#include "cli/common_options.h"

#include "core/cidr.h"
#include "decode/assumed_nodes.h"
#include "decode/sources.h"

namespace hybridctl::cli {

void add_input_options(CLI::App& app, InputOptions& o) {
  app.add_option("sources", o.sources, "Files, directories (recursive) and - for standard input");
  app.add_option("--cluster-profile", o.cluster_profile, "Nodes, describe-cluster output and CNI configuration of a real cluster");
  app.add_option("--assume-nodes", o.assume_nodes, "Synthesised nodes, e.g. cloud:us-west-2a=3,hybrid:onprem=2");
  app.add_option("--pod-network", o.pod_network, "routable|unroutable|auto (default: derive)")
      ->check(CLI::IsMember({"routable", "unroutable", "auto"}));
  app.add_option("--remote-pod-network", o.remote_pod_networks, "A remotePodNetworks CIDR (repeatable)");
  app.add_option("--remote-node-network", o.remote_node_networks, "A remoteNodeNetworks CIDR (repeatable)");
  app.add_option("--kubernetes-version", o.kubernetes_version, "The cluster's Kubernetes version (X.Y)");
}

std::string load_snapshot(const InputOptions& o, model::Snapshot& snapshot, Diagnostics& diagnostics) {
  for (const auto* list : {&o.remote_pod_networks, &o.remote_node_networks}) {
    for (const std::string& c : *list) {
      if (!Cidr::parse(c)) return "invalid CIDR \"" + c + "\"";
    }
  }
  if (o.sources.empty() && o.cluster_profile.empty()) return "no input: name files, directories or - for stdin";
  if (!o.cluster_profile.empty()) decode::load_file(o.cluster_profile, snapshot, diagnostics);
  decode::load_sources(o.sources, snapshot, diagnostics);
  if (!o.assume_nodes.empty()) {
    std::string err = decode::add_assumed_nodes(o.assume_nodes, snapshot.nodes);
    if (!err.empty()) return err;
  }
  if (o.pod_network == "routable") snapshot.facts.pod_network = model::PodNetwork::Routable;
  if (o.pod_network == "unroutable") snapshot.facts.pod_network = model::PodNetwork::Unroutable;
  snapshot.facts.remote_pod_networks = o.remote_pod_networks;
  snapshot.facts.remote_node_networks = o.remote_node_networks;
  snapshot.facts.kubernetes_version = o.kubernetes_version;
  snapshot.build_indexes();
  return {};
}

}  // namespace hybridctl::cli
