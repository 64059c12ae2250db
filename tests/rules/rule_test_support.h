// Builds a snapshot from inline YAML and runs the rules on it, so rule tests
// read like the manifests they are about.
#pragma once

#include <gtest/gtest.h>

#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "analysis/analyses.h"
#include "decode/assumed_nodes.h"
#include "decode/object_decoder.h"
#include "decode/yaml_reader.h"
#include "rules/engine.h"

namespace hybridctl::testing {

struct Audit {
  model::Snapshot snapshot;
  Diagnostics diagnostics;
  std::vector<rules::Finding> findings;

  std::vector<const rules::Finding*> of(const std::string& rule) const {
    std::vector<const rules::Finding*> out;
    for (const auto& f : findings) {
      if (f.rule == rule) out.push_back(&f);
    }
    return out;
  }
};

// `facts` adjusts the cluster facts (e.g. the Kubernetes version) before the rules run.
inline void run_audit(Audit& a, const std::string& yaml, const std::string& assume_nodes,
                      std::optional<model::PodNetwork> net, const std::function<void(model::ClusterFacts&)>& facts) {
  a.snapshot.files.push_back("inline.yaml");
  decode::ObjectDecoder decoder(a.snapshot, a.diagnostics);
  static const std::string path = "inline.yaml";
  decode::read_yaml(yaml, 0, path,
                    [&](Value&& v, const decode::DocumentContext& ctx) { decoder.decode_document(v, ctx); });
  if (!assume_nodes.empty()) decode::add_assumed_nodes(assume_nodes, a.snapshot.nodes);
  a.snapshot.facts.pod_network = net;
  if (facts) facts(a.snapshot.facts);
  a.snapshot.build_indexes();
  analysis::Analyses analyses(a.snapshot);
  a.findings = rules::run_rules(a.snapshot, analyses, {}).findings;
}

inline void run_audit(Audit& a, const std::string& yaml, const std::string& assume_nodes,
                      std::optional<model::PodNetwork> net) {
  run_audit(a, yaml, assume_nodes, net, {});
}

// "Kind namespace/name", or "Kind name" for a cluster-scoped object: how
// the exact-findings tables name objects.
inline std::string object_key(const model::ObjectRef& r) {
  return r.kind + " " + (r.ns.empty() ? "" : r.ns + "/") + r.name;
}

// One row of an exact-findings table: an object and every finding the audit
// must report on it, as "RULE severity" ("HN001 critical"); an empty set
// states that the object draws no finding at all.
struct ObjectFindings {
  std::string object;
  std::set<std::string> findings;
};

// Every object the snapshot decoded, by object_key.
inline std::set<std::string> decoded_objects(const model::Snapshot& s) {
  std::set<std::string> out;
  auto add = [&out](const auto& objects) {
    for (const auto& o : objects) out.insert(object_key(o.ref()));
  };
  add(s.nodes), add(s.pods), add(s.workloads), add(s.services), add(s.endpoint_slices), add(s.endpoints);
  add(s.webhook_configurations), add(s.api_services), add(s.crds), add(s.namespaces), add(s.config_maps);
  add(s.ingresses), add(s.target_group_bindings), add(s.cluster_role_bindings), add(s.otel_collectors);
  add(s.pod_pools), add(s.bgp_advertisers), add(s.cilium_nodes), add(s.unknown);
  return out;
}

// The audit reported exactly the table's findings, from every rule: a
// finding on an object the table leaves out, a missing or an extra finding
// fails. The fixture must have decoded without errors into `objects`
// objects, and every decoded object must have a row (an empty one for
// silence), so a fixture that fails to decode cannot pass as silence.
// Rows for objects the audit synthesises (HN015's Cluster) are allowed.
inline void expect_exact_findings(const Audit& a, size_t objects, const std::vector<ObjectFindings>& table) {
  for (const Diagnostic& d : a.diagnostics.items()) {
    EXPECT_NE(d.level, Diagnostic::Level::Error) << d.format();
  }
  ASSERT_EQ(a.snapshot.object_count(), objects) << "the fixture did not decode into the objects it holds";
  std::map<std::string, std::set<std::string>> expected, actual;
  for (const ObjectFindings& row : table) {
    EXPECT_TRUE(expected.emplace(row.object, row.findings).second) << "two rows for " << row.object;
  }
  for (const std::string& o : decoded_objects(a.snapshot)) {
    EXPECT_TRUE(expected.count(o)) << "no row states the findings of " << o;
    actual[o];
  }
  for (const rules::Finding& f : a.findings) {
    actual[object_key(f.object)].insert(f.rule + " " + rules::severity_name(f.severity));
  }
  for (const auto& [object, findings] : expected) {
    EXPECT_EQ(actual[object], findings) << object;
  }
  for (const auto& [object, findings] : actual) {
    if (!expected.count(object)) ADD_FAILURE() << "findings on " << object << ", which no row names";
  }
}

// Fixture parts in the shapes kubectl and the AWS CLI print (the fields the
// rules read), shared by the rule tests.

inline constexpr const char* kCloudNodeName = "ip-10-0-1-10.us-west-2.compute.internal";
inline constexpr const char* kHybridNodeName = "mi-0a1b2c3d4e5f60001";

// `kubectl get node -o yaml` of an EC2 node in us-west-2a, a YAML document.
inline std::string kubectl_cloud_node() {
  return R"(apiVersion: v1
kind: Node
metadata:
  name: ip-10-0-1-10.us-west-2.compute.internal
  labels:
    kubernetes.io/hostname: ip-10-0-1-10.us-west-2.compute.internal
    kubernetes.io/os: linux
    topology.kubernetes.io/region: us-west-2
    topology.kubernetes.io/zone: us-west-2a
    eks.amazonaws.com/nodegroup: default
spec:
  providerID: aws:///us-west-2a/i-0a1b2c3d4e5f60001
status:
  addresses:
  - {type: InternalIP, address: 10.0.1.10}
  allocatable: {cpu: 3920m, memory: 15Gi, pods: "58"}
  conditions:
  - {type: Ready, status: "True"}
)";
}

// `kubectl get node -o yaml` of a hybrid node in zone onprem; without
// `internal_ip` the kubelet has reported no address yet.
inline std::string kubectl_hybrid_node(const std::string& name = kHybridNodeName,
                                       const std::string& internal_ip = "10.80.0.11",
                                       const std::string& pod_cidr = "10.85.1.0/24") {
  std::string addresses = internal_ip.empty() ? ""
                                              : "\n  addresses:\n  - {type: InternalIP, address: " + internal_ip +
                                                    "}\n  - {type: Hostname, address: " + name + "}";
  return "apiVersion: v1\nkind: Node\nmetadata:\n  name: " + name + "\n  labels:\n    kubernetes.io/hostname: " + name +
         "\n    kubernetes.io/os: linux\n    eks.amazonaws.com/compute-type: hybrid\n"
         "    topology.kubernetes.io/zone: onprem\nspec:\n  podCIDRs: [" +
         pod_cidr + "]\nstatus:" + addresses +
         "\n  allocatable: {cpu: \"4\", memory: 15Gi, pods: \"110\"}\n  conditions:\n"
         "  - {type: Ready, status: \"True\"}\n";
}

// A pod template's required node affinity that keeps it off hybrid nodes,
// indented to follow a Deployment's `template.spec:` line.
inline constexpr const char* kRequireCloudNodes = R"(
      affinity:
        nodeAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
            nodeSelectorTerms:
            - matchExpressions:
              - {key: eks.amazonaws.com/compute-type, operator: NotIn, values: [hybrid]})";

// YAML documents joined into one stream.
inline std::string yaml_stream(std::initializer_list<std::string> documents) {
  std::string out;
  for (const std::string& d : documents) out += (out.empty() ? "" : "---\n") + d;
  return out;
}

// `aws eks describe-cluster --name mixed` (a JSON document, which YAML
// reads). Each argument is the inside of a JSON list of CIDRs
// (`"10.80.0.0/16"`); an empty one leaves that list out, and both empty
// leave remoteNetworkConfig out, as for a cluster created without it.
inline std::string describe_cluster_json(const std::string& node_networks, const std::string& pod_networks) {
  std::string config;
  if (!node_networks.empty()) config += R"("remoteNodeNetworks": [{"cidrs": [)" + node_networks + "]}]";
  if (!pod_networks.empty()) {
    config += (config.empty() ? "" : ", ") + std::string(R"("remotePodNetworks": [{"cidrs": [)") + pod_networks + "]}]";
  }
  if (!config.empty()) config = "\n        \"remoteNetworkConfig\": {" + config + "},";
  return R"({
    "cluster": {
        "name": "mixed",
        "arn": "arn:aws:eks:us-west-2:111122223333:cluster/mixed",
        "version": "1.31",
        "kubernetesNetworkConfig": {"serviceIpv4Cidr": "10.100.0.0/16", "ipFamily": "ipv4"},)" +
         config + R"(
        "status": "ACTIVE",
        "platformVersion": "eks.18"
    }
}
)";
}

inline constexpr const char* kMixedNodes = "cloud:us-west-2a=1,cloud:us-west-2b=1,hybrid:onprem=1";

}  // namespace hybridctl::testing
