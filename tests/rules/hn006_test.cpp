// HN006: an unzoned hybrid node, and the Services whose topology routing it voids.
#include <gtest/gtest.h>

#include "fix/render.h"
#include "rules/kubectl_patch_support.h"
#include "rules/rule_test_support.h"

namespace hybridctl::testing {
namespace hn006_test {

constexpr const char* kNodes = R"(apiVersion: v1
kind: Node
metadata: {name: cloud-a, labels: {topology.kubernetes.io/zone: us-west-2a}}
status: {allocatable: {cpu: "4"}, conditions: [{type: Ready, status: "True"}]}
---
apiVersion: v1
kind: Node
metadata: {name: mi-unzoned, labels: {eks.amazonaws.com/compute-type: hybrid}}
status: {allocatable: {cpu: "4"}, conditions: [{type: Ready, status: "True"}]}
)";

std::string service(const std::string& name, const std::string& spec_or_annotations, bool annotation = false) {
  std::string meta = annotation ? ", annotations: {service.kubernetes.io/topology-mode: Auto}" : "";
  return "---\napiVersion: v1\nkind: Service\nmetadata: {name: " + name + ", namespace: shop" + meta +
         "}\nspec:\n  selector: {app: " + name + "}\n  ports: [{port: 80}]\n" + spec_or_annotations;
}

std::string slice(const std::string& service, const std::string& node, const std::string& ip, int index = 1) {
  return "---\napiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\nmetadata:\n  name: " + service + "-" +
         std::to_string(index) + "\n  namespace: shop\n  labels: {kubernetes.io/service-name: " + service +
         "}\naddressType: IPv4\nendpoints:\n- addresses: [" + ip +
         "]\n  conditions: {ready: true}\n  nodeName: " + node + "\n";
}

const rules::Finding* only(const Audit& a) {
  auto fs = a.of("HN006");
  return fs.size() == 1 ? fs[0] : nullptr;
}

TEST(Hn006, UnzonedHybridNodeIsAnError) {
  Audit a;
  run_audit(a, kNodes, "", std::nullopt);
  ASSERT_NE(only(a), nullptr);
  EXPECT_EQ(only(a)->severity, rules::Severity::Error);
  EXPECT_EQ(only(a)->object.name, "mi-unzoned");
}

TEST(Hn006, ZonedHybridNodeIsFine) {
  Audit a;
  run_audit(a,
            "apiVersion: v1\nkind: Node\nmetadata: {name: mi-1, labels: {eks.amazonaws.com/compute-type: hybrid, "
            "topology.kubernetes.io/zone: onprem}}\n",
            "", std::nullopt);
  EXPECT_TRUE(a.of("HN006").empty());
}

TEST(Hn006, NamesOnlyTheTrafficDistributionServicesWithAnEndpointOnTheNode) {
  // An endpoint on the unzoned node gets no hint, so kube-proxy ignores every
  // hint of that Service; a Service with no endpoint there keeps its hints.
  Audit a;
  run_audit(a,
            std::string(kNodes) + service("cart", "  trafficDistribution: PreferClose\n") +
                slice("cart", "mi-unzoned", "10.85.0.10") + service("search", "  trafficDistribution: PreferClose\n") +
                slice("search", "cloud-a", "192.168.1.10"),
            "", std::nullopt);
  ASSERT_NE(only(a), nullptr);
  EXPECT_NE(only(a)->message.find("shop/cart"), std::string::npos) << only(a)->message;
  EXPECT_EQ(only(a)->message.find("shop/search"), std::string::npos) << only(a)->message;
}

TEST(Hn006, OneUnzonedReadyNodeVoidsEveryTopologyModeAutoService) {
  Audit a;
  run_audit(a, std::string(kNodes) + service("search", "", true) + slice("search", "cloud-a", "192.168.1.10"), "",
            std::nullopt);
  ASSERT_NE(only(a), nullptr);
  EXPECT_NE(only(a)->message.find("shop/search"), std::string::npos) << only(a)->message;
}

TEST(Hn006, FixLabelsTheNodeWithAZone) {
  Audit a;
  run_audit(a, kNodes, "", std::nullopt);
  ASSERT_NE(only(a), nullptr);
  ASSERT_EQ(only(a)->fixes.size(), 1u);
  const auto* label = std::get_if<fix::LabelNode>(&only(a)->fixes[0]);
  ASSERT_NE(label, nullptr);
  EXPECT_EQ(label->key, "topology.kubernetes.io/zone");
}

std::string hybrid_node(const std::string& name, const std::string& zone) {
  std::string zone_label = zone.empty() ? "" : ", topology.kubernetes.io/zone: " + zone;
  return "---\napiVersion: v1\nkind: Node\nmetadata: {name: " + name +
         ", labels: {eks.amazonaws.com/compute-type: hybrid" + zone_label +
         "}}\nstatus: {allocatable: {cpu: \"4\"}, conditions: [{type: Ready, status: \"True\"}]}\n";
}

const char* kCloudNode = R"(apiVersion: v1
kind: Node
metadata: {name: cloud-a, labels: {topology.kubernetes.io/zone: us-west-2a}}
status: {allocatable: {cpu: "4"}, conditions: [{type: Ready, status: "True"}]}
)";

TEST(Hn006, HybridNodeInACloudZoneIsReportedWithTheZoneAndTheCrossingShare) {
  // One cloud and one hybrid endpoint, both hinted to us-west-2a: PreferClose
  // spreads that zone's clients over both, so half the connections cross.
  Audit a;
  run_audit(a,
            std::string(kCloudNode) + hybrid_node("mi-in-cloud-zone", "us-west-2a") +
                service("cart", "  trafficDistribution: PreferClose\n") +
                slice("cart", "mi-in-cloud-zone", "10.85.0.10") + slice("cart", "cloud-a", "192.168.1.10", 2),
            "", std::nullopt);
  ASSERT_NE(only(a), nullptr);
  EXPECT_EQ(only(a)->object.name, "mi-in-cloud-zone");
  EXPECT_NE(only(a)->message.find("zone=us-west-2a"), std::string::npos) << only(a)->message;
  EXPECT_NE(only(a)->message.find("50% of zone us-west-2a's connections"), std::string::npos) << only(a)->message;
  EXPECT_NE(only(a)->message.find("shop/cart"), std::string::npos) << only(a)->message;
}

TEST(Hn006, FixSuggestsTheZoneTheOtherHybridNodesUse) {
  Audit a;
  run_audit(a,
            std::string(kCloudNode) + hybrid_node("mi-1", "dc-frankfurt") + hybrid_node("mi-2", "dc-frankfurt") +
                hybrid_node("mi-unzoned", "") + hybrid_node("mi-in-cloud-zone", "us-west-2a"),
            "", std::nullopt);
  auto fs = a.of("HN006");
  ASSERT_EQ(fs.size(), 2u);
  for (const rules::Finding* f : fs) {
    const auto* label = std::get_if<fix::LabelNode>(&f->fixes.at(0));
    ASSERT_NE(label, nullptr);
    EXPECT_EQ(label->value, "dc-frankfurt") << f->object.name;
    EXPECT_NE(f->fix_note.find("--node-labels=topology.kubernetes.io/zone=dc-frankfurt"), std::string::npos);
  }
}

TEST(Hn006, PlaceholderZoneOnlyWhenNoHybridNodeHasOne) {
  Audit a;
  run_audit(a, std::string(kCloudNode) + hybrid_node("mi-unzoned", ""), "", std::nullopt);
  ASSERT_NE(only(a), nullptr);
  EXPECT_EQ(std::get<fix::LabelNode>(only(a)->fixes.at(0)).value, "onprem");
}

TEST(Hn006, LabelFixIsAGuardedDataPatchOfTheNodeThatClearsTheFinding) {
  if (!kubectl_available()) GTEST_SKIP() << "kubectl not installed";
  std::string node = hybrid_node("mi-in-cloud-zone", "us-west-2a").substr(4);  // without "---\n"
  Audit a;
  run_audit(a, std::string(kCloudNode) + "---\n" + node, "", std::nullopt);
  ASSERT_NE(only(a), nullptr);
  fix::RenderedFix r = fix::render(*only(a));
  ASSERT_EQ(r.patches.size(), 1u);
  EXPECT_EQ(r.patches[0].target.kind, "Node");
  EXPECT_NE(r.kubectl.at(0).find("--overwrite"), std::string::npos) << r.kubectl.at(0);
  PatchOutcome applied = kubectl_patch_local(node, r.patches[0].patch);
  ASSERT_TRUE(applied.applied) << applied.error << r.patches[0].patch;
  Audit after;
  run_audit(after, std::string(kCloudNode) + "---\n" + applied.yaml, "", std::nullopt);
  EXPECT_TRUE(after.of("HN006").empty()) << applied.yaml;
  // A zone relabelled since the dump fails the guard rather than being overwritten.
  std::string relabelled = node;
  relabelled.replace(relabelled.find("us-west-2a"), 10, "dc-berlin");
  EXPECT_FALSE(kubectl_patch_local(relabelled, r.patches[0].patch).applied);
}

}  // namespace hn006_test
}  // namespace hybridctl::testing
