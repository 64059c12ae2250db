// Builds a snapshot from inline YAML (plus --assume-nodes style nodes) for
// the placement tests, without running any rule.
#pragma once

#include <string>
#include <vector>

#include "core/line_counter.h"
#include "decode/assumed_nodes.h"
#include "decode/object_decoder.h"
#include "decode/yaml_reader.h"
#include "model/snapshot.h"

namespace hybridctl::testing {

inline model::Snapshot snapshot_of(const std::string& yaml, const std::string& assume_nodes = "") {
  model::Snapshot s;
  Diagnostics diagnostics;
  s.files.push_back("inline.yaml");
  decode::ObjectDecoder decoder(s, diagnostics);
  static const std::string path = "inline.yaml";
  decode::read_yaml(yaml, 0, path,
                    [&](Value&& v, const decode::DocumentContext& ctx) { decoder.decode_document(v, ctx); });
  if (!assume_nodes.empty()) decode::add_assumed_nodes(assume_nodes, s.nodes);
  s.build_indexes();
  return s;
}

// A node with 2 CPUs, 4 GiB and room for ten pods, labelled with its zone
// and EKS compute type (hybrid or ec2).
inline model::Node node_in(const std::string& name, const std::string& zone, const std::string& compute_type) {
  model::Node n;
  n.kind = "Node";
  n.meta.name = name;
  n.meta.labels = {{"topology.kubernetes.io/zone", zone}, {"eks.amazonaws.com/compute-type", compute_type}};
  n.allocatable_cpu_milli = 2000;
  n.allocatable_memory_bytes = 4LL << 30;
  n.allocatable_pods = 10;
  return n;
}

// What a NodeTable is built from.
inline std::vector<const model::Node*> pointers_to(const std::vector<model::Node>& nodes) {
  std::vector<const model::Node*> out;
  out.reserve(nodes.size());
  for (const model::Node& n : nodes) out.push_back(&n);
  return out;
}

// The document's CoreDNS configuration (../shared/seed): two replicas,
// preferred anti-affinity on hostname (weight 100) and zone (weight 50).
inline constexpr const char* kCoreDnsDeployment = R"(
apiVersion: apps/v1
kind: Deployment
metadata: {name: coredns, namespace: kube-system, uid: coredns-uid}
spec:
  replicas: 2
  selector: {matchLabels: {k8s-app: kube-dns}}
  template:
    metadata: {labels: {k8s-app: kube-dns}}
    spec:
      priorityClassName: system-cluster-critical
      containers: [{name: coredns, image: coredns, resources: {requests: {cpu: 100m, memory: 70Mi}}}]
      affinity:
        podAntiAffinity:
          preferredDuringSchedulingIgnoredDuringExecution:
          - weight: 100
            podAffinityTerm:
              labelSelector: {matchExpressions: [{key: k8s-app, operator: In, values: [kube-dns]}]}
              topologyKey: kubernetes.io/hostname
          - weight: 50
            podAffinityTerm:
              labelSelector: {matchExpressions: [{key: k8s-app, operator: In, values: [kube-dns]}]}
              topologyKey: topology.kubernetes.io/zone
)";

}  // namespace hybridctl::testing
