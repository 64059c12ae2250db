// `hybridctl webhooks` as a user runs it on a `kubectl get ... -o json` dump
// without Pods: rows, verdicts, exit codes (CLI.md "webhooks") and `--why`.
#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>

#include "e2e/cli_runner.h"

namespace hybridctl::testing {
namespace webhooks_cli_test {

// A List as kubectl prints it: nodes, the webhook configuration, its Service
// and EndpointSlice (the one endpoint on a hybrid node), describe-cluster facts by flag.
const char* kDump = R"({"apiVersion": "v1", "kind": "List", "items": [
 {"apiVersion": "v1", "kind": "Node", "metadata": {"name": "ip-10-0-1-10.us-west-2.compute.internal",
   "labels": {"topology.kubernetes.io/zone": "us-west-2a", "eks.amazonaws.com/compute-type": "ec2"}},
  "status": {"addresses": [{"type": "InternalIP", "address": "10.0.1.10"}]}},
 {"apiVersion": "v1", "kind": "Node", "metadata": {"name": "mi-0a1b2c3d4e5f60001",
   "labels": {"topology.kubernetes.io/zone": "onprem", "eks.amazonaws.com/compute-type": "hybrid"}},
  "spec": {"podCIDRs": ["10.85.1.0/24"]},
  "status": {"addresses": [{"type": "InternalIP", "address": "192.168.100.11"}]}},
 {"apiVersion": "admissionregistration.k8s.io/v1", "kind": "ValidatingWebhookConfiguration",
  "metadata": {"name": "policy-validating"},
  "webhooks": [{"name": "vpod.kb.io", "failurePolicy": "Fail", "timeoutSeconds": 10, "sideEffects": "None",
    "admissionReviewVersions": ["v1"],
    "clientConfig": {"service": {"name": "policy-webhook", "namespace": "policy", "port": 443,
                                 "path": "/validate-v1-pod"}, "caBundle": "LS0tLS1CRUdJTg=="},
    "rules": [{"operations": ["CREATE", "UPDATE"], "apiGroups": [""], "apiVersions": ["v1"], "resources": ["pods"]}]}]},
 {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "policy-webhook", "namespace": "policy"},
  "spec": {"selector": {"app": "policy"}, "ports": [{"name": "https", "port": 443, "targetPort": 9443}]}},
 {"apiVersion": "discovery.k8s.io/v1", "kind": "EndpointSlice",
  "metadata": {"name": "policy-webhook-abc12", "namespace": "policy",
               "labels": {"kubernetes.io/service-name": "policy-webhook"}},
  "addressType": "IPv4", "ports": [{"name": "https", "port": 9443, "protocol": "TCP"}],
  "endpoints": [{"addresses": ["10.85.1.23"], "conditions": {"ready": true, "serving": true, "terminating": false},
                 "nodeName": "mi-0a1b2c3d4e5f60001", "zone": "onprem",
                 "targetRef": {"kind": "Pod", "name": "policy-7d9f-abcde", "namespace": "policy"}}]}
]})";

std::string write_dump() {
  std::string path = "/tmp/hybridctl-webhooks-test-" + std::to_string(getpid()) + ".json";
  std::ofstream(path) << kDump;
  return path;
}

TEST(WebhooksCli, UnroutableHybridEndpointIsBrokenAndExitsOne) {
  std::string dump = write_dump();
  CliResult r =
      run_cli({"webhooks", dump, "--remote-pod-network", "10.99.0.0/16", "--remote-node-network", "192.168.100.0/24"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.out.find("vpod.kb.io"), std::string::npos);
  EXPECT_NE(r.out.find("BROKEN"), std::string::npos);
  EXPECT_NE(r.out.find("10.85.1.23"), std::string::npos);
  EXPECT_NE(r.out.find("mi-0a1b2c3d4e5f60001 (hybrid, onprem)"), std::string::npos);
  std::remove(dump.c_str());
}

TEST(WebhooksCli, JsonRowsCarryEndpointsReachabilityAndVerdict) {
  std::string dump = write_dump();
  CliResult r = run_cli({"webhooks", dump, "-o", "json", "--remote-pod-network", "10.99.0.0/16"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  simdjson::ondemand::parser parser;
  simdjson::padded_string json(r.out);
  auto doc = parser.iterate(json);
  auto row = doc["webhooks"].at(0);
  EXPECT_EQ(std::string_view(row["name"].get_string().value()), "vpod.kb.io");
  EXPECT_EQ(std::string_view(row["failurePolicy"].get_string().value()), "Fail");
  EXPECT_EQ(std::string_view(row["verdict"].get_string().value()), "BROKEN");
  auto ep = row["endpoints"].at(0);
  EXPECT_EQ(std::string_view(ep["environment"].get_string().value()), "hybrid");
  EXPECT_FALSE(ep["reachable"].get_bool().value());
  std::remove(dump.c_str());
}

TEST(WebhooksCli, WhyPrintsCauseAndEmergencyStepFirst) {
  std::string dump = write_dump();
  CliResult r = run_cli(
      {"webhooks", dump, "--remote-pod-network", "10.99.0.0/16", "--why",
       R"(Internal error occurred: failed calling webhook "vpod.kb.io": failed to call webhook: Post "https://policy-webhook.policy.svc:443/validate-v1-pod?timeout=10s": context deadline exceeded)"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  size_t cause = r.out.find("Cause");
  size_t emergency = r.out.find("1. Emergency");
  EXPECT_NE(cause, std::string::npos);
  ASSERT_NE(emergency, std::string::npos);
  EXPECT_LT(cause, emergency);
  EXPECT_NE(r.out.find("failurePolicy\",\"value\":\"Ignore\""), std::string::npos);
  std::remove(dump.c_str());
}

TEST(WebhooksCli, FailOnNeverExitsZeroEvenWhenBroken) {
  std::string dump = write_dump();
  CliResult r = run_cli({"webhooks", dump, "--remote-pod-network", "10.99.0.0/16", "--fail-on", "never"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  std::remove(dump.c_str());
}

}  // namespace webhooks_cli_test
}  // namespace hybridctl::testing
