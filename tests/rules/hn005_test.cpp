// HN005: CoreDNS coverage of both sides — (a) running replicas, (b) the
// document's configuration, (c) its lack of a guarantee.
#include <gtest/gtest.h>

#include "fix/render.h"
#include "rules/kubectl_patch_support.h"
#include "rules/rule_test_support.h"

namespace hybridctl::testing {
namespace hn005_test {

constexpr const char* kDocumentAntiAffinity = R"(      affinity:
        podAntiAffinity:
          preferredDuringSchedulingIgnoredDuringExecution:
          - podAffinityTerm:
              labelSelector:
                matchExpressions:
                - {key: k8s-app, operator: In, values: [kube-dns]}
              topologyKey: kubernetes.io/hostname
            weight: 100
          - podAffinityTerm:
              labelSelector:
                matchExpressions:
                - {key: k8s-app, operator: In, values: [kube-dns]}
              topologyKey: topology.kubernetes.io/zone
            weight: 50
)";

std::string coredns(int replicas, const std::string& pod_spec_extra) {
  return R"(apiVersion: apps/v1
kind: Deployment
metadata: {name: coredns, namespace: kube-system, uid: dns-uid}
spec:
  replicas: )" +
         std::to_string(replicas) + R"(
  selector: {matchLabels: {k8s-app: kube-dns}}
  template:
    metadata: {labels: {k8s-app: kube-dns}}
    spec:
      containers: [{name: coredns, image: coredns/coredns:1.11.1}]
)" + pod_spec_extra;
}

std::string pod_on(const std::string& name, const std::string& node, bool ready = true) {
  return R"(---
apiVersion: v1
kind: Pod
metadata:
  name: )" +
         name + R"(
  namespace: kube-system
  labels: {k8s-app: kube-dns}
  ownerReferences: [{apiVersion: apps/v1, kind: Deployment, name: coredns, uid: dns-uid}]
spec:
  nodeName: )" +
         node + R"(
  containers: [{name: coredns, image: coredns/coredns:1.11.1}]
status:
  phase: Running
  conditions: [{type: Ready, status: ")" +
         (ready ? "True" : "False") + R"("}]
)";
}

// --assume-nodes names nodes ENV-ZONE-INDEX; see decode/assumed_nodes.
std::string node_name(const Audit& a, model::Environment env) {
  for (const auto& n : a.snapshot.nodes) {
    if (n.environment() == env) return n.meta.name;
  }
  return "";
}

const rules::Finding* only(const Audit& a) {
  auto fs = a.of("HN005");
  return fs.size() == 1 ? fs[0] : nullptr;
}

TEST(Hn005, OneReplicaWithoutAntiAffinityIsAWarningWithTheDocumentsFix) {
  Audit a;
  run_audit(a, coredns(1, ""), kMixedNodes, std::nullopt);
  const rules::Finding* f = only(a);
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->severity, rules::Severity::Warning);
  EXPECT_NE(f->message.find("1 replica(s)"), std::string::npos) << f->message;
  EXPECT_NE(f->message.find("kubernetes.io/hostname"), std::string::npos);
  fix::RenderedFix r = fix::render(*f);
  ASSERT_EQ(r.patches.size(), 1u);
  EXPECT_NE(r.patches[0].patch.find(R"("weight":100)"), std::string::npos) << r.patches[0].patch;
  EXPECT_NE(r.patches[0].patch.find(R"("weight":50)"), std::string::npos);
}

// Both replicas running in the cloud: (a) adds a zone spread, so (b) adds
// only the hostname term and keeps the replicas; its note says just that.
TEST(Hn005, TheConfigurationFixNoteNamesOnlyWhatItsPatchAdds) {
  Audit probe;
  run_audit(probe, coredns(2, ""), kMixedNodes, std::nullopt);
  std::vector<std::string> cloud;
  for (const auto& n : probe.snapshot.nodes) {
    if (n.environment() == model::Environment::Cloud) cloud.push_back(n.meta.name);
  }
  ASSERT_EQ(cloud.size(), 2u);
  Audit a;
  run_audit(a, coredns(2, "") + pod_on("coredns-a", cloud[0]) + pod_on("coredns-b", cloud[1]), kMixedNodes,
            std::nullopt);
  const rules::Finding* warning = nullptr;
  for (const rules::Finding* f : a.of("HN005")) {
    if (f->severity == rules::Severity::Warning) warning = f;
  }
  ASSERT_NE(warning, nullptr);
  bool zone_term = false;
  for (const auto& f : warning->fixes) {
    if (const auto* a = std::get_if<fix::AddPreferredPodAntiAffinity>(&f)) {
      for (const auto& t : a->terms) zone_term = zone_term || t.term.topology_key == "topology.kubernetes.io/zone";
    }
  }
  EXPECT_EQ(warning->fix_note.find("zone weight 50") != std::string::npos, zone_term) << warning->fix_note;
  EXPECT_NE(warning->fix_note.find("hostname weight 100"), std::string::npos) << warning->fix_note;
  EXPECT_EQ(warning->fix_note.find("Sets 2 replicas"), std::string::npos) << "2 are already set: " << warning->fix_note;
}

TEST(Hn005, MissingZoneTermAloneIsAWarning) {
  std::string hostname_only =
      std::string(kDocumentAntiAffinity)
          .substr(0, std::string(kDocumentAntiAffinity).find("          - podAffinityTerm:", 200));
  Audit a;
  run_audit(a, coredns(2, hostname_only), kMixedNodes, std::nullopt);
  const rules::Finding* f = only(a);
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->severity, rules::Severity::Warning);
  EXPECT_NE(f->message.find("topology.kubernetes.io/zone"), std::string::npos) << f->message;
  EXPECT_EQ(f->message.find("no podAntiAffinity by kubernetes.io/hostname"), std::string::npos) << f->message;
}

TEST(Hn005, TheDocumentsConfigurationGivesAtMostAnInfo) {
  Audit a;
  run_audit(a, coredns(2, kDocumentAntiAffinity), kMixedNodes, std::nullopt);
  const rules::Finding* f = only(a);
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->severity, rules::Severity::Info);
  EXPECT_NE(f->message.find("simulated placements"), std::string::npos) << f->message;
}

// The share the message gives, e.g. "... in the cloud in 35% of 400 simulated placements".
int reported_percent(const std::string& message) {
  size_t pct = message.find("% of ");
  size_t start = message.rfind(' ', pct) + 1;
  return std::stoi(message.substr(start, pct - start));
}

TEST(Hn005, TheInfoGivesTheSimulatedProbabilityOfNoReplicaOnPremises) {
  // One node per zone, equal nodes. First replica: any of the k+n nodes; the
  // second avoids its node and zone (weights 100 + 50 dominate the other
  // scores). With 2 cloud zones and 1 on-prem: 2/3 * 1/2 = 1/3; with 3 cloud
  // zones: 3/4 * 2/3 = 1/2.
  Audit two;
  run_audit(two, coredns(2, kDocumentAntiAffinity), "cloud:us-west-2a=1,cloud:us-west-2b=1,hybrid:onprem=1",
            std::nullopt);
  ASSERT_NE(only(two), nullptr);
  EXPECT_NEAR(reported_percent(only(two)->message), 33, 6) << only(two)->message;
  Audit three;
  run_audit(three, coredns(2, kDocumentAntiAffinity),
            "cloud:us-west-2a=1,cloud:us-west-2b=1,cloud:us-west-2c=1,hybrid:onprem=1", std::nullopt);
  ASSERT_NE(only(three), nullptr);
  EXPECT_NEAR(reported_percent(only(three)->message), 50, 6) << only(three)->message;
  EXPECT_NE(only(three)->fix_note.find("in all 400 simulated placements"), std::string::npos) << only(three)->fix_note;
}

TEST(Hn005, MoreReplicasThanCloudZonesIsNotReportedAsUnguaranteed) {
  // Two cloud zones, three replicas: zone anti-affinity cannot keep all in the cloud... but it is preferred, so
  // they still may; the rule's (c) condition is replicas <= cloud zones, as RULES.md defines it.
  Audit a;
  run_audit(a, coredns(3, kDocumentAntiAffinity), kMixedNodes, std::nullopt);
  EXPECT_TRUE(a.of("HN005").empty());
}

TEST(Hn005, ZoneSpreadWithDoNotScheduleIsAGuaranteeAndDoesNotFire) {
  std::string spread = std::string(kDocumentAntiAffinity) + R"(      topologySpreadConstraints:
      - maxSkew: 1
        topologyKey: topology.kubernetes.io/zone
        whenUnsatisfiable: DoNotSchedule
        labelSelector: {matchLabels: {k8s-app: kube-dns}}
)";
  Audit a;
  run_audit(a, coredns(2, spread), kMixedNodes, std::nullopt);
  EXPECT_TRUE(a.of("HN005").empty());
}

TEST(Hn005, NoReadyReplicaOnHybridNodesIsAnError) {
  Audit probe;
  run_audit(probe, "", kMixedNodes, std::nullopt);
  std::string cloud = node_name(probe, model::Environment::Cloud);
  std::string hybrid = node_name(probe, model::Environment::Hybrid);
  Audit a;
  run_audit(a, coredns(2, kDocumentAntiAffinity) + pod_on("coredns-a", cloud) + pod_on("coredns-b", hybrid, false),
            kMixedNodes, std::nullopt);
  auto fs = a.of("HN005");
  // (a) only: (c), the configuration's odds, would repeat (a)'s guarantee fix on the same object.
  ASSERT_EQ(fs.size(), 1u);
  EXPECT_EQ(fs[0]->severity, rules::Severity::Error);
  EXPECT_NE(fs[0]->message.find("none on a hybrid node"), std::string::npos) << fs[0]->message;
}

TEST(Hn005, ReadyReplicasOnBothSidesPassPartA) {
  Audit probe;
  run_audit(probe, "", kMixedNodes, std::nullopt);
  Audit a;
  run_audit(a,
            coredns(3, kDocumentAntiAffinity) + pod_on("coredns-a", node_name(probe, model::Environment::Cloud)) +
                pod_on("coredns-b", node_name(probe, model::Environment::Hybrid)),
            kMixedNodes, std::nullopt);
  EXPECT_TRUE(a.of("HN005").empty());
}

TEST(Hn005, ACloudOnlyClusterIsNotMixedAndDoesNotFire) {
  Audit a;
  run_audit(a, coredns(1, ""), "cloud:us-west-2a=2", std::nullopt);
  EXPECT_TRUE(a.of("HN005").empty());
}

// A zone spread cannot count an unlabelled node; HN006's fix labels it in the
// same run, so the spread is offered for the zones as that fix leaves them
// (one pass of `fix` leaves nothing for HN005 to ask next), saying so.
TEST(Hn005, UnlabelledHybridNodesGetTheSpreadThatCountsOnHn006sZoneLabel) {
  Audit a;
  run_audit(a, coredns(2, kDocumentAntiAffinity) + R"(---
apiVersion: v1
kind: Node
metadata:
  name: mi-unzoned
  labels: {eks.amazonaws.com/compute-type: hybrid}
)",
            "cloud:us-west-2a=1,cloud:us-west-2b=1", std::nullopt);
  const rules::Finding* f = only(a);
  ASSERT_NE(f, nullptr);
  fix::RenderedFix r = fix::render(*f);
  ASSERT_EQ(r.patches.size(), 1u) << f->fix_note;
  EXPECT_NE(r.patches[0].patch.find(R"("path":"/spec/replicas","value":3)"), std::string::npos)
      << "two cloud zones and the hybrid node's zone-to-be: " << r.patches[0].patch;
  EXPECT_NE(r.patches[0].patch.find("topologySpreadConstraints"), std::string::npos) << r.patches[0].patch;
  EXPECT_NE(f->fix_note.find("topology.kubernetes.io/zone=onprem (HN006's fix)"), std::string::npos) << f->fix_note;
}

// Applying a fix with kubectl clears the finding; applying it twice changes nothing.
void expect_fix_round_trip(const std::string& deployment_yaml, const std::string& nodes) {
  if (!kubectl_available()) GTEST_SKIP() << "kubectl not installed";
  Audit before;
  run_audit(before, deployment_yaml, nodes, std::nullopt);
  const rules::Finding* f = only(before);
  ASSERT_NE(f, nullptr);
  fix::RenderedFix r = fix::render(*f);
  ASSERT_EQ(r.patches.size(), 1u);
  PatchOutcome once = kubectl_patch_local(deployment_yaml, r.patches[0].patch);
  ASSERT_TRUE(once.applied) << once.error << "\n" << r.patches[0].patch;
  Audit after;
  run_audit(after, once.yaml, nodes, std::nullopt);
  for (const rules::Finding* g : after.of("HN005")) {
    EXPECT_NE(g->severity, f->severity) << "the same finding survived the fix: " << g->message;
  }
  PatchOutcome twice = kubectl_patch_local(once.yaml, r.patches[0].patch);
  EXPECT_TRUE(!twice.applied || twice.yaml == once.yaml) << "a second application changed the object";
}

TEST(Hn005, ConfigurationFixAppliedWithKubectlClearsTheWarning) { expect_fix_round_trip(coredns(1, ""), kMixedNodes); }

TEST(Hn005, ConfigurationFixKeepsExistingNodeAffinity) {
  expect_fix_round_trip(coredns(1, R"(      affinity:
        nodeAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
            nodeSelectorTerms:
            - matchExpressions: [{key: kubernetes.io/os, operator: In, values: [linux]}]
)"),
                        kMixedNodes);
}

TEST(Hn005, GuaranteeFixAppliedWithKubectlClearsTheInfo) {
  expect_fix_round_trip(coredns(2, kDocumentAntiAffinity), kMixedNodes);
  Audit a;
  run_audit(a, coredns(2, kDocumentAntiAffinity), kMixedNodes, std::nullopt);
  fix::RenderedFix r = fix::render(*only(a));
  EXPECT_NE(r.patches[0].patch.find(R"("value":3)"), std::string::npos) << "one replica per zone: 2 cloud + 1 on-prem";
}

}  // namespace hn005_test
}  // namespace hybridctl::testing
