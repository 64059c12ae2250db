// `hybridctl simulate` as a user runs it: the CLI.md JSON shape, what-ifs,
// seeds and runs, the audit of the result, and usage errors.
#include <gtest/gtest.h>

#include <fstream>
#include <string>
#include <vector>

#include "e2e/cli_runner.h"
#include "placement/placement_test_support.h"
#include "temp_file.h"

namespace hybridctl::testing {
namespace simulate_cli_test {

simdjson::dom::element coredns_entry(simdjson::dom::parser& parser, const std::string& json) {
  simdjson::dom::element doc = parser.parse(json);
  for (simdjson::dom::element w : doc["workloads"].get_array()) {
    if (std::string_view(w["name"].get_string().value()) == "coredns") return w;
  }
  ADD_FAILURE() << "no coredns in " << json;
  return doc;
}

TEST(SimulateCli, JsonShapeOfCliMd) {
  TempFile input(kCoreDnsDeployment, ".yaml");
  const std::string& file = input.path();
  CliResult r = run_cli({"simulate", file, "--assume-nodes",
                         "cloud:us-west-2a=1,cloud:us-west-2b=1,cloud:us-west-2c=1,hybrid:onprem=1", "-o", "json",
                         "--runs", "200", "--fail-on", "never"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  simdjson::dom::parser parser;
  simdjson::dom::element w = coredns_entry(parser, r.out);
  EXPECT_EQ(std::string_view(w["kind"].get_string().value()), "Deployment");
  EXPECT_EQ(std::string_view(w["namespace"].get_string().value()), "kube-system");
  EXPECT_EQ(w["replicas"].get_int64().value(), 2);
  EXPECT_EQ(w["feasibleNodes"].get_array().size(), 4u);
  EXPECT_EQ(w["placements"].get_array().size(), 2u);
  int64_t cloud = 0, hybrid = 0;
  if (w["byEnvironment"]["cloud"].get(cloud) != simdjson::SUCCESS) cloud = 0;
  if (w["byEnvironment"]["hybrid"].get(hybrid) != simdjson::SUCCESS) hybrid = 0;
  EXPECT_EQ(cloud + hybrid, 2);
  EXPECT_TRUE(w["byZone"].is_object());
  double p = w["probabilities"]["allReplicasInCloud"].get_double().value();
  EXPECT_GT(p, 0.3);
  EXPECT_LT(p, 0.7);
  EXPECT_EQ(w["probabilities"]["runs"].get_int64().value(), 200);
  EXPECT_FALSE(w["probabilities"]["guaranteedBothSides"].get_bool().value());
  simdjson::dom::element doc = parser.parse(r.out);
  EXPECT_TRUE(doc["findings"].is_array());
}

TEST(SimulateCli, AddNodesWhatIfMovesReplicasAndSeedIsReproducible) {
  TempFile input(kCoreDnsDeployment, ".yaml");
  const std::string& file = input.path();
  std::vector<std::string> args = {"simulate",           file,   "--assume-nodes", "hybrid:onprem=2", "--add-nodes",
                                   "cloud:us-west-2a=3", "-o",   "json",           "--seed",          "5",
                                   "--fail-on",          "never"};
  CliResult a = run_cli(args), b = run_cli(args);
  ASSERT_EQ(a.exit_code, 0) << a.err;
  EXPECT_EQ(a.out, b.out);
  simdjson::dom::parser parser;
  simdjson::dom::element w = coredns_entry(parser, a.out);
  EXPECT_EQ(w["feasibleNodes"].get_array().size(), 5u);  // 2 assumed + 3 what-if nodes
}

TEST(SimulateCli, DrainEveryNodeLeavesReplicasUnschedulable) {
  TempFile input(kCoreDnsDeployment, ".yaml");
  const std::string& file = input.path();
  CliResult r = run_cli({"simulate", file, "--assume-nodes", "hybrid:onprem=2", "--drain", "env=hybrid", "-o", "json",
                         "--fail-on", "never"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  simdjson::dom::parser parser;
  simdjson::dom::element w = coredns_entry(parser, r.out);
  for (simdjson::dom::element p : w["placements"].get_array()) EXPECT_TRUE(p.is_null());
}

// A validating webhook whose only backend runs on a hybrid node, listed by
// its Service's EndpointSlice, as `kubectl get -o json` dumps show it.
constexpr const char* kWebhookBackendOnHybrid = R"(
apiVersion: v1
kind: Node
metadata: {name: cloud-1, labels: {kubernetes.io/hostname: cloud-1, topology.kubernetes.io/zone: us-west-2a}}
spec: {podCIDRs: [10.0.1.0/24]}
status: {allocatable: {cpu: "4", memory: 16Gi, pods: "110"}, conditions: [{type: Ready, status: "True"}]}
---
apiVersion: v1
kind: Node
metadata: {name: mi-1, labels: {eks.amazonaws.com/compute-type: hybrid, kubernetes.io/hostname: mi-1, topology.kubernetes.io/zone: onprem}}
spec: {podCIDRs: [10.85.1.0/24]}
status: {allocatable: {cpu: "4", memory: 16Gi, pods: "110"}, conditions: [{type: Ready, status: "True"}]}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: hook, namespace: ops}
spec:
  replicas: 1
  selector: {matchLabels: {app: hook}}
  template: {metadata: {labels: {app: hook}}, spec: {containers: [{name: h, image: h}]}}
---
apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: hook-5d
  namespace: ops
  labels: {app: hook}
  ownerReferences: [{apiVersion: apps/v1, kind: Deployment, name: hook, controller: true}]
spec:
  replicas: 1
  selector: {matchLabels: {app: hook}}
  template: {metadata: {labels: {app: hook}}, spec: {containers: [{name: h, image: h}]}}
---
apiVersion: v1
kind: Pod
metadata:
  name: hook-5d-x
  namespace: ops
  labels: {app: hook}
  ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: hook-5d, controller: true}]
spec: {nodeName: mi-1, containers: [{name: h, image: h}]}
status: {phase: Running, podIP: 10.85.1.7, conditions: [{type: Ready, status: "True"}]}
---
apiVersion: v1
kind: Service
metadata: {name: hook, namespace: ops}
spec: {selector: {app: hook}, ports: [{port: 443, targetPort: 9443}]}
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: {name: hook-abc, namespace: ops, labels: {kubernetes.io/service-name: hook}}
addressType: IPv4
endpoints:
- {addresses: [10.85.1.7], nodeName: mi-1, zone: onprem, conditions: {ready: true}, targetRef: {kind: Pod, name: hook-5d-x, namespace: ops}}
ports: [{port: 9443, protocol: TCP}]
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingWebhookConfiguration
metadata: {name: hook}
webhooks:
- name: hook.ops.svc
  failurePolicy: Fail
  sideEffects: None
  admissionReviewVersions: [v1]
  clientConfig: {service: {namespace: ops, name: hook, port: 443}}
  rules: [{apiGroups: [""], apiVersions: [v1], operations: [CREATE], resources: [pods]}]
)";

// Manifests only: four replicas the placement spreads over both sides.
constexpr const char* kServiceOverBothSides = R"(
apiVersion: apps/v1
kind: Deployment
metadata: {name: orders, namespace: shop}
spec:
  replicas: 4
  selector: {matchLabels: {app: orders}}
  template: {metadata: {labels: {app: orders}}, spec: {containers: [{name: o, image: o}]}}
---
apiVersion: v1
kind: Service
metadata: {name: orders, namespace: shop}
spec: {selector: {app: orders}, ports: [{port: 80, targetPort: 8080}]}
)";

// Whether `audit -o json` output (or simulate's) has a finding of `rule` about an object named `name`.
bool has_finding(const std::string& json, const std::string& rule, const std::string& name) {
  for (const FindingKey& k : finding_keys(json)) {
    if (std::get<0>(k) == rule && std::get<4>(k) == name) return true;
  }
  return false;
}

TEST(SimulateCli, DrainMovesAListedWebhookBackendAndItsFindingWithIt) {
  TempFile input(kWebhookBackendOnHybrid, ".yaml");
  const std::string& file = input.path();
  CliResult audit = run_cli({"audit", file, "--pod-network", "unroutable", "-o", "json", "--fail-on", "never"});
  ASSERT_EQ(audit.exit_code, 0) << audit.err;
  EXPECT_TRUE(has_finding(audit.out, "HN001", "hook")) << audit.out;
  // Drained, the pod is evicted and the EndpointSlice forgets it; the
  // replacement lands on the cloud node, which the control plane reaches.
  CliResult sim = run_cli(
      {"simulate", file, "--pod-network", "unroutable", "--drain", "env=hybrid", "-o", "json", "--fail-on", "never"});
  ASSERT_EQ(sim.exit_code, 0) << sim.err;
  EXPECT_FALSE(has_finding(sim.out, "HN001", "hook")) << sim.out;
  CliResult drained_audit = run_cli(
      {"audit", file, "--pod-network", "unroutable", "--drain", "env=hybrid", "-o", "json", "--fail-on", "never"});
  ASSERT_EQ(drained_audit.exit_code, 0) << drained_audit.err;
  EXPECT_FALSE(has_finding(drained_audit.out, "HN001", "hook")) << drained_audit.out;
}

TEST(SimulateCli, AuditOfTheResultSeesThePlacedReplicasAsAuditDoes) {
  TempFile input(kServiceOverBothSides, ".yaml");
  const std::string& file = input.path();
  const std::vector<std::string> common = {
      file,        "--assume-nodes", "cloud:us-west-2a=2,hybrid:onprem=2", "--pod-network", "unroutable", "-o", "json",
      "--fail-on", "never"};
  std::vector<std::string> audit_args = {"audit"}, sim_args = {"simulate"};
  audit_args.insert(audit_args.end(), common.begin(), common.end());
  sim_args.insert(sim_args.end(), common.begin(), common.end());
  CliResult audit = run_cli(audit_args), sim = run_cli(sim_args);
  ASSERT_EQ(audit.exit_code, 0) << audit.err;
  ASSERT_EQ(sim.exit_code, 0) << sim.err;
  ASSERT_TRUE(has_finding(audit.out, "HN004", "orders")) << audit.out;
  // Placed replicas have no IP yet; they still stand for endpoints.
  EXPECT_TRUE(has_finding(sim.out, "HN004", "orders")) << sim.out;
}

TEST(SimulateCli, TextOutputNamesEveryWorkload) {
  TempFile input(kCoreDnsDeployment, ".yaml");
  const std::string& file = input.path();
  CliResult r = run_cli({"simulate", file, "--assume-nodes", "cloud:us-west-2a=2", "--fail-on", "never"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("Deployment kube-system/coredns: 2 replicas, cloud 2"), std::string::npos) << r.out;
}

TEST(SimulateCli, BadWhatIfIsAUsageError) {
  TempFile input(kCoreDnsDeployment, ".yaml");
  const std::string& file = input.path();
  CliResult r = run_cli({"simulate", file, "--add-nodes", "edge:z=1"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--add-nodes"), std::string::npos);
  r = run_cli({"simulate", file, "--drain", "rack=1"});
  EXPECT_EQ(r.exit_code, 2);
  r = run_cli({"simulate", file, "--runs", "0"});
  EXPECT_EQ(r.exit_code, 2);
}

}  // namespace simulate_cli_test
}  // namespace hybridctl::testing
