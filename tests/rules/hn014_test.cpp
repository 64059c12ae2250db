// HN014: Topology Aware Routing (`service.kubernetes.io/topology-mode: Auto`,
// or the older topology-aware-hints annotation) in a mixed cluster. The hints
// are those of endpointslice/topologycache (KEP-2433): each zone gets a share of
// the ready endpoints proportional to its allocatable CPU, and the safeguards
// (insufficient node info, fewer endpoints than zones, minimum allocation over
// the 0.2 overload threshold) remove every hint.
#include <gtest/gtest.h>

#include <memory>

#include "fix/render.h"
#include "rules/kubectl_patch_support.h"
#include "rules/rule_test_support.h"

namespace hybridctl::testing {
namespace hn014_test {

// A ready node with `cpu` allocatable; `zone` "" leaves the zone label out.
std::string node(const std::string& name, const std::string& zone, bool hybrid, const std::string& cpu = "4") {
  std::string out = "---\napiVersion: v1\nkind: Node\nmetadata:\n  name: " + name + "\n  labels:\n";
  out += "    kubernetes.io/hostname: " + name + "\n";
  if (!zone.empty()) out += "    topology.kubernetes.io/zone: " + zone + "\n";
  if (hybrid) out += "    eks.amazonaws.com/compute-type: hybrid\n";
  return out + "status:\n  allocatable: {cpu: \"" + cpu + "\"}\n  conditions: [{type: Ready, status: \"True\"}]\n";
}

// Three zones of equal CPU: each should receive a third of the endpoints.
std::string mixed_nodes() {
  return node("cloud-a", "us-west-2a", false) + node("cloud-b", "us-west-2b", false) + node("hybrid-1", "onprem", true);
}

constexpr const char* kAuto = "service.kubernetes.io/topology-mode: Auto";
constexpr const char* kLegacyAuto = "service.kubernetes.io/topology-aware-hints: auto";

std::string service_object(const std::string& annotations, const std::string& spec_extra = "") {
  return "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  namespace: shop\n  annotations: {" + annotations +
         "}\nspec:\n  selector: {app: web}\n  ports: [{port: 80}]\n" + spec_extra;
}

std::string service(const std::string& annotations, const std::string& spec_extra = "") {
  return "---\n" + service_object(annotations, spec_extra);
}

// Running, ready replicas: `counts` is "node=n" pairs, addresses made up per node.
std::string pods(const std::vector<std::pair<std::string, int>>& counts) {
  std::string out;
  int serial = 0;
  for (const auto& [node_name, n] : counts) {
    for (int i = 0; i < n; ++i) {
      ++serial;
      out += "---\napiVersion: v1\nkind: Pod\nmetadata: {name: web-" + std::to_string(serial) +
             ", namespace: shop, labels: {app: web}}\nspec: {nodeName: " + node_name +
             ", containers: [{name: c, image: example/web:1}]}\nstatus: {phase: Running, podIP: 10.0." +
             std::to_string(serial) + ".1, conditions: [{type: Ready, status: \"True\"}]}\n";
    }
  }
  return out;
}

// Two endpoints per zone: the allocation matches the CPU shares, nothing moves.
std::string two_per_zone() { return pods({{"cloud-a", 2}, {"cloud-b", 2}, {"hybrid-1", 2}}); }

std::vector<const rules::Finding*> hn014(const std::string& yaml) {
  static std::vector<std::unique_ptr<Audit>> keep;  // findings point into their audit
  keep.push_back(std::make_unique<Audit>());
  run_audit(*keep.back(), yaml, "", model::PodNetwork::Unroutable);
  return keep.back()->of("HN014");
}

bool mentions(const rules::Finding* f, const std::string& text) { return f->message.find(text) != std::string::npos; }

// --- info: hints within each environment ------------------------------------------------------

TEST(Hn014, HintsThatStayWithinEachEnvironmentGiveAnInfo) {
  auto fs = hn014(mixed_nodes() + service(kAuto) + two_per_zone());
  ASSERT_EQ(fs.size(), 1u);
  EXPECT_EQ(fs[0]->severity, rules::Severity::Info);
  EXPECT_TRUE(mentions(fs[0], "hints stay within each environment")) << fs[0]->message;
}

// --- warnings ----------------------------------------------------------------------------------

TEST(Hn014, UnzonedHybridNodeVoidsTheCensusAndDropsEveryHint) {
  // SetNodes: a ready node without a zone label makes the node information insufficient.
  std::string nodes = mixed_nodes() + node("hybrid-2", "", true);
  auto fs = hn014(nodes + service(kAuto) + two_per_zone());
  ASSERT_EQ(fs.size(), 1u);
  EXPECT_EQ(fs[0]->severity, rules::Severity::Warning);
  EXPECT_TRUE(mentions(fs[0], "safeguards drop every hint")) << fs[0]->message;
  EXPECT_TRUE(mentions(fs[0], "Insufficient Node information")) << fs[0]->message;
  EXPECT_TRUE(mentions(fs[0], "hybrid-2")) << fs[0]->message;
}

TEST(Hn014, FewerEndpointsThanZonesDropsEveryHint) {
  auto fs = hn014(mixed_nodes() + service(kAuto) + pods({{"cloud-a", 1}, {"hybrid-1", 1}}));
  ASSERT_EQ(fs.size(), 1u);
  EXPECT_EQ(fs[0]->severity, rules::Severity::Warning);
  EXPECT_TRUE(mentions(fs[0], "Insufficient number of endpoints (2 endpoints, 3 zones)")) << fs[0]->message;
}

TEST(Hn014, MinimumAllocationOverTheOverloadThresholdDropsEveryHint) {
  // 3 endpoints, CPU 1:1:4 → desired 0.5, 0.5, 2; minimums ceil(d/1.2) = 1, 1, 2 sum to 4 > 3.
  std::string nodes = node("cloud-a", "us-west-2a", false, "1") + node("cloud-b", "us-west-2b", false, "1") +
                      node("hybrid-1", "onprem", true, "4");
  auto fs = hn014(nodes + service(kAuto) + pods({{"cloud-a", 1}, {"cloud-b", 1}, {"hybrid-1", 1}}));
  ASSERT_EQ(fs.size(), 1u);
  EXPECT_EQ(fs[0]->severity, rules::Severity::Warning);
  EXPECT_TRUE(mentions(fs[0], "overload threshold")) << fs[0]->message;
}

TEST(Hn014, CpuProportionalAllocationHintsACloudEndpointToTheOnPremZone) {
  // Six endpoints, equal CPU per zone → each zone should get 2. us-west-2a has 3 and
  // onprem 1: the controller moves one us-west-2a endpoint to onprem, so on-premises
  // clients are sent across the VPN to it by design.
  auto fs = hn014(mixed_nodes() + service(kAuto) + pods({{"cloud-a", 3}, {"cloud-b", 2}, {"hybrid-1", 1}}));
  ASSERT_EQ(fs.size(), 1u);
  EXPECT_EQ(fs[0]->severity, rules::Severity::Warning);
  EXPECT_TRUE(mentions(fs[0], "(cloud, zone us-west-2a) hinted for onprem")) << fs[0]->message;
  EXPECT_TRUE(mentions(fs[0], "cross the VPN")) << fs[0]->message;
}

TEST(Hn014, LargeOnPremCpuBorrowsCloudEndpoints) {
  // onprem has 8 of 12 CPUs: with 6 endpoints it should receive 4 but has 2.
  std::string nodes = node("cloud-a", "us-west-2a", false, "2") + node("cloud-b", "us-west-2b", false, "2") +
                      node("hybrid-1", "onprem", true, "8");
  auto fs = hn014(nodes + service(kAuto) + two_per_zone());
  ASSERT_EQ(fs.size(), 1u);
  EXPECT_EQ(fs[0]->severity, rules::Severity::Warning);
  EXPECT_TRUE(mentions(fs[0], "hinted for onprem")) << fs[0]->message;
}

TEST(Hn014, OnPremEndpointsLentToCloudZonesCrossTooInTheOtherDirection) {
  // Equal CPU, one endpoint per cloud zone and four on premises: each cloud zone should get 2,
  // so two on-premises endpoints are hinted for the cloud zones (which one for which zone
  // follows Go map order upstream).
  auto fs = hn014(mixed_nodes() + service(kAuto) + pods({{"cloud-a", 1}, {"cloud-b", 1}, {"hybrid-1", 4}}));
  ASSERT_EQ(fs.size(), 1u);
  EXPECT_EQ(fs[0]->severity, rules::Severity::Warning);
  EXPECT_TRUE(mentions(fs[0], "(hybrid, zone onprem) hinted for us-west-2a")) << fs[0]->message;
  EXPECT_TRUE(mentions(fs[0], "(hybrid, zone onprem) hinted for us-west-2b")) << fs[0]->message;
}

// --- which annotation counts -------------------------------------------------------------------

TEST(Hn014, LegacyTopologyAwareHintsAnnotationAloneIsReported) {
  auto fs = hn014(mixed_nodes() + service(kLegacyAuto) + two_per_zone());
  ASSERT_EQ(fs.size(), 1u);
  EXPECT_EQ(fs[0]->severity, rules::Severity::Info);
}

TEST(Hn014, LegacyAnnotationWinsOverTopologyMode) {
  // hintsEnabled reads topology-aware-hints first, whatever topology-mode says.
  auto on =
      hn014(mixed_nodes() + service(std::string(kLegacyAuto) + ", service.kubernetes.io/topology-mode: Disabled") +
            two_per_zone());
  EXPECT_EQ(on.size(), 1u);
  auto off =
      hn014(mixed_nodes() + service("service.kubernetes.io/topology-aware-hints: Disabled, " + std::string(kAuto)) +
            two_per_zone());
  EXPECT_TRUE(off.empty()) << off[0]->message;
}

TEST(Hn014, AnnotationOverridingTrafficDistributionIsSaid) {
  auto fs = hn014(mixed_nodes() + service(kAuto, "  trafficDistribution: PreferClose\n") + two_per_zone());
  ASSERT_EQ(fs.size(), 1u);
  EXPECT_TRUE(mentions(fs[0], "overrides its trafficDistribution")) << fs[0]->message;
}

// --- near misses -------------------------------------------------------------------------------

TEST(Hn014, OnlyAutoEnablesTheHeuristic) {
  // "Auto" and "auto" enable it; any other value (here "Enabled") does not.
  EXPECT_TRUE(hn014(mixed_nodes() + service("service.kubernetes.io/topology-mode: Enabled") + two_per_zone()).empty());
  EXPECT_EQ(hn014(mixed_nodes() + service("service.kubernetes.io/topology-mode: auto") + two_per_zone()).size(), 1u);
}

TEST(Hn014, TrafficDistributionAloneIsNotTopologyAwareRouting) {
  EXPECT_TRUE(hn014(mixed_nodes() + service("a: b", "  trafficDistribution: PreferClose\n") + two_per_zone()).empty());
}

TEST(Hn014, CloudOnlyClusterIsNotJudged) {
  std::string nodes = node("cloud-a", "us-west-2a", false) + node("cloud-b", "us-west-2b", false);
  EXPECT_TRUE(hn014(nodes + service(kAuto) + pods({{"cloud-a", 2}, {"cloud-b", 2}})).empty());
}

// --- the fix -----------------------------------------------------------------------------------

TEST(Hn014, FixRemovesTheAnnotationsAndSetsPreferCloseTheTestGuardRefusesASecondRun) {
  if (!kubectl_available()) GTEST_SKIP() << "kubectl not installed";
  std::string svc = service_object(std::string(kLegacyAuto) + ", " + kAuto);
  auto fs = hn014(mixed_nodes() + "---\n" + svc + two_per_zone());
  ASSERT_EQ(fs.size(), 1u);
  std::string patch = first_json_patch(*fs[0]);
  ASSERT_FALSE(patch.empty());
  EXPECT_NE(patch.find("\"test\""), std::string::npos) << patch;

  PatchOutcome once = kubectl_patch_local(svc, patch);
  ASSERT_TRUE(once.applied) << once.error;
  EXPECT_EQ(once.yaml.find("topology-mode"), std::string::npos) << once.yaml;
  EXPECT_EQ(once.yaml.find("topology-aware-hints"), std::string::npos) << once.yaml;
  EXPECT_NE(once.yaml.find("trafficDistribution: PreferClose"), std::string::npos) << once.yaml;
  EXPECT_TRUE(hn014(mixed_nodes() + "---\n" + once.yaml + two_per_zone()).empty()) << once.yaml;

  // The guards test the annotations' values; once removed, the second run fails the
  // test operation and kubectl changes nothing.
  PatchOutcome twice = kubectl_patch_local(once.yaml, patch);
  EXPECT_FALSE(twice.applied) << twice.yaml;
  EXPECT_NE(twice.error.find("test"), std::string::npos) << twice.error;
}

TEST(Hn014, FixOnTopologyModeOnlyTouchesThatAnnotation) {
  if (!kubectl_available()) GTEST_SKIP() << "kubectl not installed";
  std::string svc = service_object(std::string(kAuto) + ", team: shop");
  auto fs = hn014(mixed_nodes() + "---\n" + svc + two_per_zone());
  ASSERT_EQ(fs.size(), 1u);
  std::string patch = first_json_patch(*fs[0]);
  EXPECT_EQ(patch.find("topology-aware-hints"), std::string::npos) << patch;
  PatchOutcome once = kubectl_patch_local(svc, patch);
  ASSERT_TRUE(once.applied) << once.error;
  EXPECT_NE(once.yaml.find("team: shop"), std::string::npos) << "other annotations stay: " << once.yaml;
  EXPECT_TRUE(hn014(mixed_nodes() + "---\n" + once.yaml + two_per_zone()).empty()) << once.yaml;
}

}  // namespace hn014_test
}  // namespace hybridctl::testing
