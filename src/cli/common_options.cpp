#include "cli/common_options.h"

#include "analysis/placement/what_ifs.h"
#include "core/cidr.h"
#include "decode/assumed_nodes.h"
#include "decode/sources.h"

namespace hybridctl::cli {

void add_input_options(CLI::App& app, InputOptions& o) {
  app.add_option("sources", o.sources, "Files, directories (recursive) and - for standard input");
  app.add_option("--cluster-profile", o.cluster_profile,
                 "Nodes, describe-cluster output and CNI configuration of a real cluster");
  app.add_option("--assume-nodes", o.assume_nodes, "Synthesised nodes, e.g. cloud:us-west-2a=3,hybrid:onprem=2");
  app.add_option("--pod-network", o.pod_network, "routable|unroutable|auto (default: derive)")
      ->check(CLI::IsMember({"routable", "unroutable", "auto"}));
  app.add_option("--remote-pod-network", o.remote_pod_networks, "A remotePodNetworks CIDR (repeatable)");
  app.add_option("--remote-node-network", o.remote_node_networks, "A remoteNodeNetworks CIDR (repeatable)");
  app.add_option("--kubernetes-version", o.kubernetes_version, "The cluster's Kubernetes version (X.Y)");
  add_live_options(app, o.live);
}

std::string load_snapshot(const InputOptions& o, model::Snapshot& snapshot, Diagnostics& diagnostics,
                          size_t live_cluster) {
  for (const auto* list : {&o.remote_pod_networks, &o.remote_node_networks}) {
    for (const std::string& c : *list) {
      if (!Cidr::parse(c)) return "invalid CIDR \"" + c + "\"";
    }
  }
  if (o.sources.empty() && o.cluster_profile.empty() && !o.live.live)
    return "no input: name files, directories or - for stdin";
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
  if (std::string err = load_live(o.live, live_cluster, snapshot, diagnostics); !err.empty()) return err;
  snapshot.build_indexes();
  return {};
}

void add_what_if_options(CLI::App& app, WhatIfOptions& o) {
  app.add_option("--add-nodes", o.add_nodes, "What-if: add nodes, ENV:ZONE=N[/POD_CIDR] (repeatable)");
  app.add_option("--drain", o.drains, "What-if: drain zone=Z, node=N or env=hybrid (repeatable)");
  app.add_option("--seed", o.seed, "Seed of the placement's tie-breaking random choice (default 1)");
  app.add_option("--runs", o.runs, "Repeat the placement under N seeds for probabilities (default 1)");
}

std::string apply_what_if_options(const WhatIfOptions& o, model::Snapshot& snapshot) {
  if (o.runs < 1) return "--runs must be at least 1";
  analysis::placement::WhatIfs what_ifs;
  for (const std::string& spec : o.add_nodes) {
    if (std::string err = analysis::placement::parse_add_nodes(spec, what_ifs); !err.empty()) return err;
  }
  for (const std::string& spec : o.drains) {
    if (std::string err = analysis::placement::parse_drain(spec, what_ifs); !err.empty()) return err;
  }
  if (!what_ifs.empty()) snapshot = analysis::placement::apply_what_ifs(snapshot, what_ifs);
  return {};
}

}  // namespace hybridctl::cli
