// A fix is valid when applying it clears the finding and applying the audit
// again offers nothing more. kubectl patch --local is the oracle for JSON
// patch semantics (including the `test` guards).
#include <gtest/gtest.h>

#include <filesystem>

#include "e2e/cli_runner.h"

namespace hybridctl::testing {
namespace {

const char* kWebhookAndService = R"(apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingWebhookConfiguration
metadata: {name: policy}
webhooks:
- name: check.policy.example.com
  clientConfig:
    service: {namespace: policy, name: policy-engine}
---
apiVersion: v1
kind: Service
metadata: {name: policy-engine, namespace: policy}
spec:
  selector: {app: policy-engine}
  ports: [{port: 443}]
)";

std::string deployment(const std::string& affinity) {
  return R"(apiVersion: apps/v1
kind: Deployment
metadata:
  name: policy-engine
  namespace: policy
spec:
  replicas: 2
  selector:
    matchLabels: {app: policy-engine}
  template:
    metadata:
      labels: {app: policy-engine}
    spec:
      containers:
      - {name: engine, image: example/policy-engine:1}
)" + affinity;
}

std::string first_patch(const std::string& audit_json) {
  simdjson::dom::parser parser;
  simdjson::dom::element doc = parser.parse(audit_json);
  for (simdjson::dom::element f : doc["findings"].get_array()) {
    for (simdjson::dom::element p : f["fix"]["patches"].get_array()) return simdjson::minify(p["patch"]);
  }
  return "";
}

class FixRoundTrip : public ::testing::TestWithParam<std::string> {};

TEST_P(FixRoundTrip, JsonPatchClearsTheFindingAndIsNotOfferedTwice) {
  if (std::system("command -v kubectl >/dev/null 2>&1") != 0) GTEST_SKIP() << "kubectl not installed";
  std::string dir = "/tmp/hybridctl-fix-" + std::to_string(getpid());
  std::filesystem::create_directories(dir);
  std::ofstream(dir + "/webhook.yaml") << kWebhookAndService;
  std::ofstream(dir + "/deploy.yaml") << deployment(GetParam());
  std::vector<std::string> audit{
      "audit", dir,       "--assume-nodes", "cloud:us-west-2a=1,hybrid:onprem=1", "--pod-network", "unroutable", "-o",
      "json",  "--rules", "HN002"};
  CliResult before = run_cli(audit);
  ASSERT_EQ(finding_keys(before.out).size(), 1u) << before.out;
  std::string patch = first_patch(before.out);
  ASSERT_FALSE(patch.empty());

  std::string cmd = "kubectl patch --local -f " + dir + "/deploy.yaml --type=json -p " + shell_arg(patch) +
                    " -o yaml > " + dir + "/patched.yaml 2>" + dir + "/kubectl.err";
  ASSERT_EQ(std::system(cmd.c_str()), 0) << read_text(dir + "/kubectl.err") << "\npatch: " << patch;
  std::filesystem::rename(dir + "/patched.yaml", dir + "/deploy.yaml");

  CliResult after = run_cli(audit);
  EXPECT_EQ(after.exit_code, 0) << after.out;
  EXPECT_TRUE(finding_keys(after.out).empty()) << after.out;
  std::filesystem::remove_all(dir);
}

// pod anti-affinity only: nodeAffinity is added beside it
const char* kAntiAffinityOnly = R"(      affinity:
        podAntiAffinity:
          preferredDuringSchedulingIgnoredDuringExecution:
          - weight: 100
            podAffinityTerm:
              topologyKey: kubernetes.io/hostname
              labelSelector: {matchLabels: {app: policy-engine}}
)";

// two ORed terms, one already excluding hybrid: only the other gets the expression
const char* kTwoTermsOneExcludingHybrid = R"(      affinity:
        nodeAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
            nodeSelectorTerms:
            - matchExpressions:
              - {key: eks.amazonaws.com/compute-type, operator: NotIn, values: [hybrid]}
            - matchExpressions:
              - {key: kubernetes.io/os, operator: In, values: [linux]}
)";

INSTANTIATE_TEST_SUITE_P(Templates, FixRoundTrip,
                         ::testing::Values(std::string(""), std::string(kAntiAffinityOnly),
                                           std::string(kTwoTermsOneExcludingHybrid)));

}  // namespace
}  // namespace hybridctl::testing
