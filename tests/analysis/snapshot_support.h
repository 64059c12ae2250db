// Decodes inline YAML into a snapshot that outlives the test's analyses, for
// tests of analyses (rule tests use rules/rule_test_support.h).
#pragma once

#include <memory>
#include <string>

#include "analysis/analyses.h"
#include "decode/object_decoder.h"
#include "decode/yaml_reader.h"

namespace hybridctl::testing {

struct Decoded {
  model::Snapshot snapshot;
  Diagnostics diagnostics;
  std::unique_ptr<analysis::Analyses> analyses;
};

inline std::unique_ptr<Decoded> decode_cluster(const std::string& yaml,
                                               const std::vector<std::string>& remote_pod_networks = {},
                                               const std::vector<std::string>& remote_node_networks = {}) {
  auto d = std::make_unique<Decoded>();
  d->snapshot.files.push_back("inline.yaml");
  decode::ObjectDecoder decoder(d->snapshot, d->diagnostics);
  static const std::string path = "inline.yaml";
  decode::read_yaml(yaml, 0, path,
                    [&](Value&& v, const decode::DocumentContext& ctx) { decoder.decode_document(v, ctx); });
  d->snapshot.facts.remote_pod_networks = remote_pod_networks;
  d->snapshot.facts.remote_node_networks = remote_node_networks;
  d->snapshot.build_indexes();
  d->analyses = std::make_unique<analysis::Analyses>(d->snapshot);
  return d;
}

// Two cloud nodes in two zones and two hybrid nodes in `onprem`, with the
// InternalIPs and podCIDRs a real `kubectl get nodes -o json` shows.
inline const char* kNodes = R"(apiVersion: v1
kind: Node
metadata:
  name: ip-10-0-1-10.us-west-2.compute.internal
  labels: {topology.kubernetes.io/zone: us-west-2a, eks.amazonaws.com/compute-type: ec2}
status:
  addresses: [{type: InternalIP, address: 10.0.1.10}]
---
apiVersion: v1
kind: Node
metadata:
  name: ip-10-0-2-20.us-west-2.compute.internal
  labels: {topology.kubernetes.io/zone: us-west-2b}
status:
  addresses: [{type: InternalIP, address: 10.0.2.20}]
---
apiVersion: v1
kind: Node
metadata:
  name: mi-0a1b2c3d4e5f60001
  labels: {topology.kubernetes.io/zone: onprem, eks.amazonaws.com/compute-type: hybrid}
spec:
  podCIDRs: [10.85.1.0/24]
status:
  addresses: [{type: InternalIP, address: 192.168.100.11}]
---
apiVersion: v1
kind: Node
metadata:
  name: mi-0a1b2c3d4e5f60002
  labels: {topology.kubernetes.io/zone: onprem, eks.amazonaws.com/compute-type: hybrid}
spec:
  podCIDRs: [10.85.2.0/24]
status:
  addresses: [{type: InternalIP, address: 192.168.100.12}]
)";

}  // namespace hybridctl::testing
