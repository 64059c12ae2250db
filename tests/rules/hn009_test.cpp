// HN009: the hints on a Service's EndpointSlices against those the
// EndpointSlice controller would set for its trafficDistribution
// (endpointslice/trafficdist preferCloseHeuristic: a ready endpoint with a zone
// gets forZones=[its zone], PreferSameNode adds forNodes=[its node]; unready
// endpoints are skipped and keep what they had).
#include <gtest/gtest.h>

#include <memory>

#include "rules/rule_test_support.h"

namespace hybridctl::testing {
namespace hn009_test {

std::string node(const std::string& name, const std::string& zone, bool hybrid) {
  std::string out = "---\napiVersion: v1\nkind: Node\nmetadata:\n  name: " + name + "\n  labels:\n";
  out += "    kubernetes.io/hostname: " + name + "\n";
  if (!zone.empty()) out += "    topology.kubernetes.io/zone: " + zone + "\n";
  if (hybrid) out += "    eks.amazonaws.com/compute-type: hybrid\n";
  return out + "status:\n  allocatable: {cpu: \"4\"}\n  conditions: [{type: Ready, status: \"True\"}]\n";
}

std::string mixed_nodes() {
  return node("cloud-a", "us-west-2a", false) + node("cloud-b", "us-west-2b", false) + node("hybrid-1", "onprem", true);
}

std::string service(const std::string& spec_extra, const std::string& annotations = "") {
  return "---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  namespace: shop\n" +
         (annotations.empty() ? std::string() : "  annotations: {" + annotations + "}\n") +
         "spec:\n  selector: {app: web}\n  ports: [{port: 80}]\n" + spec_extra;
}

constexpr const char* kPreferClose = "  trafficDistribution: PreferClose\n";

// One EndpointSlice endpoint; `zone` "" leaves the field out (an unzoned node), `hints` is
// the YAML of the hints mapping or "".
std::string endpoint(const std::string& ip, const std::string& node_name, const std::string& zone,
                     const std::string& hints, const std::string& conditions = "{ready: true}") {
  std::string out = "- addresses: [" + ip + "]\n  nodeName: " + node_name + "\n  conditions: " + conditions + "\n";
  if (!zone.empty()) out += "  zone: " + zone + "\n";
  if (!hints.empty()) out += "  hints: " + hints + "\n";
  return out;
}

std::string zone_hint(const std::string& zone) { return "{forZones: [{name: " + zone + "}]}"; }

std::string slice(const std::string& endpoints) {
  return "---\napiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\nmetadata:\n  name: web-x1\n  namespace: shop\n"
         "  labels: {kubernetes.io/service-name: web}\naddressType: IPv4\nendpoints:\n" +
         endpoints;
}

// The two cloud endpoints, hinted as the controller hints them.
std::string hinted_cloud_endpoints() {
  return endpoint("192.168.10.20", "cloud-a", "us-west-2a", zone_hint("us-west-2a")) +
         endpoint("192.168.20.20", "cloud-b", "us-west-2b", zone_hint("us-west-2b"));
}

std::vector<const rules::Finding*> hn009(const std::string& yaml, const std::string& version = "") {
  static std::vector<std::unique_ptr<Audit>> keep;  // findings point into their audit
  keep.push_back(std::make_unique<Audit>());
  run_audit(*keep.back(), yaml, "", model::PodNetwork::Unroutable,
            [&](model::ClusterFacts& f) { f.kubernetes_version = version; });
  return keep.back()->of("HN009");
}

bool mentions(const rules::Finding* f, const std::string& text) { return f->message.find(text) != std::string::npos; }

// --- passing -----------------------------------------------------------------------------------

TEST(Hn009, PreferCloseWithTheHintsTheControllerSetsIsClean) {
  auto fs = hn009(mixed_nodes() + service(kPreferClose) +
                  slice(hinted_cloud_endpoints() + endpoint("10.85.1.10", "hybrid-1", "onprem", zone_hint("onprem"))));
  EXPECT_TRUE(fs.empty()) << fs[0]->message;
}

TEST(Hn009, PreferSameNodeWithZoneAndNodeHintsIsClean) {
  auto fs = hn009(mixed_nodes() + service("  trafficDistribution: PreferSameNode\n") +
                  slice(endpoint("192.168.10.20", "cloud-a", "us-west-2a",
                                 "{forZones: [{name: us-west-2a}], forNodes: [{name: cloud-a}]}")));
  EXPECT_TRUE(fs.empty()) << fs[0]->message;
}

// --- violating ---------------------------------------------------------------------------------

TEST(Hn009, EndpointOnAnUnzonedHybridNodeHasNoHintAndIsListed) {
  std::string nodes =
      node("cloud-a", "us-west-2a", false) + node("cloud-b", "us-west-2b", false) + node("hybrid-1", "", true);
  auto fs = hn009(nodes + service(kPreferClose) +
                  slice(hinted_cloud_endpoints() + endpoint("10.85.1.10", "hybrid-1", "", "")));
  ASSERT_EQ(fs.size(), 1u);
  EXPECT_EQ(fs[0]->severity, rules::Severity::Warning);
  EXPECT_EQ(fs[0]->object.kind, "Service");
  EXPECT_TRUE(mentions(fs[0], "without hints: 10.85.1.10 on hybrid-1 (no zone)")) << fs[0]->message;
  EXPECT_FALSE(mentions(fs[0], "192.168.10.20")) << "correctly hinted endpoints are not listed: " << fs[0]->message;
}

TEST(Hn009, ZonedEndpointWhoseSliceLacksTheHintIsListed) {
  // The controller would set forZones=[onprem]; the slice (e.g. written by another
  // controller, or before the label was added) has none.
  auto fs = hn009(mixed_nodes() + service(kPreferClose) +
                  slice(hinted_cloud_endpoints() + endpoint("10.85.1.10", "hybrid-1", "onprem", "")));
  ASSERT_EQ(fs.size(), 1u);
  EXPECT_TRUE(mentions(fs[0], "without hints: 10.85.1.10 on hybrid-1 (zone onprem)")) << fs[0]->message;
}

TEST(Hn009, WrongHintIsReportedWithTheExpectedOne) {
  auto fs = hn009(mixed_nodes() + service(kPreferClose) +
                  slice(endpoint("192.168.10.20", "cloud-a", "us-west-2a", zone_hint("us-west-2b")) +
                        endpoint("10.85.1.10", "hybrid-1", "onprem", zone_hint("onprem"))));
  ASSERT_EQ(fs.size(), 1u);
  EXPECT_EQ(fs[0]->severity, rules::Severity::Warning);
  EXPECT_TRUE(mentions(fs[0],
                       "different: 192.168.10.20 on cloud-a (zone us-west-2a) is hinted zone us-west-2b where the "
                       "controller would set zone us-west-2a"))
      << fs[0]->message;
  // Every endpoint has a hint: the "one endpoint lacks them" consequence does not apply,
  // nor do the zone labels (HN006) or Cilium (HN008), which write no hints.
  EXPECT_FALSE(mentions(fs[0], "lacks them")) << fs[0]->message;
  EXPECT_EQ(fs[0]->fix_note.find("HN006"), std::string::npos) << fs[0]->fix_note;
  EXPECT_EQ(fs[0]->fix_note.find("HN008"), std::string::npos) << fs[0]->fix_note;
  EXPECT_NE(fs[0]->fix_note.find("stale"), std::string::npos) << fs[0]->fix_note;
}

TEST(Hn009, UnzonedHybridEndpointBlamesTheZoneLabelOnly) {
  std::string nodes =
      node("cloud-a", "us-west-2a", false) + node("cloud-b", "us-west-2b", false) + node("hybrid-1", "", true);
  auto fs = hn009(nodes + service(kPreferClose) +
                  slice(hinted_cloud_endpoints() + endpoint("10.85.1.10", "hybrid-1", "", "")));
  ASSERT_EQ(fs.size(), 1u);
  EXPECT_NE(fs[0]->fix_note.find("HN006"), std::string::npos) << fs[0]->fix_note;
  EXPECT_EQ(fs[0]->fix_note.find("HN008"), std::string::npos) << fs[0]->fix_note;
}

TEST(Hn009, PreferSameNodeWithoutNodeHintsExpectsThem) {
  auto fs = hn009(mixed_nodes() + service("  trafficDistribution: PreferSameNode\n") +
                  slice(endpoint("192.168.10.20", "cloud-a", "us-west-2a", zone_hint("us-west-2a"))));
  ASSERT_EQ(fs.size(), 1u);
  EXPECT_TRUE(mentions(fs[0], "is hinted zone us-west-2a where the controller would set zone us-west-2a, node cloud-a"))
      << fs[0]->message;
}

// --- near misses -------------------------------------------------------------------------------

TEST(Hn009, ServiceWithoutTrafficDistributionIsNotJudged) {
  EXPECT_TRUE(hn009(mixed_nodes() + service("") + slice(endpoint("10.85.1.10", "hybrid-1", "onprem", ""))).empty());
}

TEST(Hn009, UnreadyEndpointsAreNotJudged) {
  // The controller skips endpoints whose ready condition is not true, leaving their hints as they were.
  auto fs = hn009(mixed_nodes() + service(kPreferClose) +
                  slice(hinted_cloud_endpoints() +
                        endpoint("10.85.1.10", "hybrid-1", "onprem", "", "{ready: false, serving: true}") +
                        endpoint("10.85.1.11", "hybrid-1", "onprem", zone_hint("us-west-2a"), "{ready: false}")));
  EXPECT_TRUE(fs.empty()) << fs[0]->message;
}

TEST(Hn009, MissingReadyConditionIsNotReadyForTheController) {
  // kube-proxy reads a missing ready as true, the controller as false: the controller decides the hints.
  auto fs = hn009(mixed_nodes() + service(kPreferClose) +
                  slice(hinted_cloud_endpoints() + endpoint("10.85.1.10", "hybrid-1", "onprem", "", "{}")));
  EXPECT_TRUE(fs.empty()) << fs[0]->message;
}

TEST(Hn009, EndpointsDerivedFromPodsHaveNoObservedHintsToCompare) {
  std::string pod = R"(---
apiVersion: v1
kind: Pod
metadata: {name: web-1, namespace: shop, labels: {app: web}}
spec: {nodeName: hybrid-1, containers: [{name: c, image: example/web:1}]}
status: {phase: Running, podIP: 10.85.1.10, conditions: [{type: Ready, status: "True"}]}
)";
  EXPECT_TRUE(hn009(mixed_nodes() + service(kPreferClose) + pod).empty());
}

TEST(Hn009, TopologyAnnotationWinsOverTrafficDistributionAndIsHn014s) {
  // With topology-mode: Auto the controller runs the topology cache, not the
  // trafficDistribution heuristic; its hints are judged by HN014.
  auto fs = hn009(mixed_nodes() + service(kPreferClose, "service.kubernetes.io/topology-mode: Auto") +
                  slice(hinted_cloud_endpoints() + endpoint("10.85.1.10", "hybrid-1", "onprem", "")));
  EXPECT_TRUE(fs.empty()) << fs[0]->message;
}

TEST(Hn009, PreferCloseOnA130ClusterSetsNoHintsToExpect) {
  // The ServiceTrafficDistribution gate is off before 1.31: the controller sets no
  // hints (HN007 reports the version).
  auto fs =
      hn009(mixed_nodes() + service(kPreferClose) + slice(endpoint("10.85.1.10", "hybrid-1", "onprem", "")), "1.30");
  EXPECT_TRUE(fs.empty()) << fs[0]->message;
}

}  // namespace hn009_test
}  // namespace hybridctl::testing
