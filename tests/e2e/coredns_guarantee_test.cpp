// Issue 4's acceptance, end to end: the document's CoreDNS configuration
// leaves about half of the placements without an on-premises replica
// (3 cloud AZs + 1 on-prem node); HN005's fix, applied with kubectl, is
// confirmed by `hybridctl simulate` to put a replica on each side every time.
#include <gtest/gtest.h>

#include <filesystem>

#include "e2e/cli_runner.h"
#include "rules/kubectl_patch_support.h"

namespace hybridctl::testing {
namespace coredns_guarantee_test {

constexpr const char* kNodes = "cloud:us-west-2a=1,cloud:us-west-2b=1,cloud:us-west-2c=1,hybrid:onprem=1";

constexpr const char* kDocumentCoredns = R"(apiVersion: apps/v1
kind: Deployment
metadata: {name: coredns, namespace: kube-system}
spec:
  replicas: 2
  selector: {matchLabels: {k8s-app: kube-dns}}
  template:
    metadata: {labels: {k8s-app: kube-dns}}
    spec:
      containers: [{name: coredns, image: coredns/coredns:1.11.1}]
      affinity:
        podAntiAffinity:
          preferredDuringSchedulingIgnoredDuringExecution:
          - podAffinityTerm:
              labelSelector:
                matchExpressions: [{key: k8s-app, operator: In, values: [kube-dns]}]
              topologyKey: kubernetes.io/hostname
            weight: 100
          - podAffinityTerm:
              labelSelector:
                matchExpressions: [{key: k8s-app, operator: In, values: [kube-dns]}]
              topologyKey: topology.kubernetes.io/zone
            weight: 50
)";

// A JSON number, integer or not (simdjson's DOM keeps them apart).
double number(simdjson::dom::element e) {
  double d;
  if (!e.get_double().get(d)) return d;
  int64_t i;
  if (!e.get_int64().get(i)) return static_cast<double>(i);
  return -1;
}

struct Odds {
  double all_in_cloud = -1, both_sides = -1;
};

Odds simulate_coredns(const std::string& file) {
  CliResult r = run_cli({"simulate", file, "--assume-nodes", kNodes, "--runs", "400", "-o", "json"});
  Odds odds;
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  if (parser.parse(r.out).get(doc)) return odds;
  for (simdjson::dom::element w : doc["workloads"].get_array()) {
    if (std::string_view(w["name"].get_string()) != "coredns") continue;
    odds.all_in_cloud = number(w["probabilities"]["allReplicasInCloud"]);
    odds.both_sides = number(w["probabilities"]["bothSides"]);
  }
  return odds;
}

TEST(CorednsGuarantee, SimulateConfirmsTheFixOfHn005) {
  if (!kubectl_available()) GTEST_SKIP() << "kubectl not installed";
  std::string dir = "/tmp/hybridctl-coredns-" + std::to_string(getpid());
  std::filesystem::create_directories(dir);
  std::ofstream(dir + "/coredns.yaml") << kDocumentCoredns;

  Odds before = simulate_coredns(dir + "/coredns.yaml");
  EXPECT_NEAR(before.all_in_cloud, 0.5, 0.1) << "3/4 * 2/3 of the placements keep both replicas in the cloud";

  CliResult audit = run_cli({"audit", dir + "/coredns.yaml", "--assume-nodes", kNodes, "--rules", "HN005", "-o", "json",
                             "--fail-on", "never"});
  simdjson::dom::parser parser;
  simdjson::dom::element doc = parser.parse(audit.out);
  std::string patch;
  for (simdjson::dom::element f : doc["findings"].get_array()) {
    EXPECT_EQ(std::string_view(f["severity"].get_string()), "info");
    for (simdjson::dom::element p : f["fix"]["patches"].get_array()) patch = simdjson::minify(p["patch"]);
  }
  ASSERT_FALSE(patch.empty()) << audit.out;
  PatchOutcome fixed = kubectl_patch_local(kDocumentCoredns, patch);
  ASSERT_TRUE(fixed.applied) << fixed.error;
  std::ofstream(dir + "/coredns.yaml", std::ios::trunc) << fixed.yaml;

  Odds after = simulate_coredns(dir + "/coredns.yaml");
  EXPECT_EQ(after.all_in_cloud, 0.0);
  EXPECT_EQ(after.both_sides, 1.0);
  CliResult again =
      run_cli({"audit", dir + "/coredns.yaml", "--assume-nodes", kNodes, "--rules", "HN005", "-o", "json"});
  EXPECT_TRUE(finding_keys(again.out).empty()) << again.out;
  std::filesystem::remove_all(dir);
}

}  // namespace coredns_guarantee_test
}  // namespace hybridctl::testing
