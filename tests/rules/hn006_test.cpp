// HN006: an unzoned hybrid node, and the Services whose topology routing it voids.
#include <gtest/gtest.h>

#include "rules/rule_test_support.h"

namespace hybridctl::testing {
namespace {

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

std::string slice(const std::string& service, const std::string& node, const std::string& ip) {
  return "---\napiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\nmetadata:\n  name: " + service +
         "-1\n  namespace: shop\n  labels: {kubernetes.io/service-name: " + service +
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

}  // namespace
}  // namespace hybridctl::testing
