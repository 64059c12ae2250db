// HN008: Cilium on hybrid nodes without enable-service-topology while
// Services ask for topology-aware routing.
#include <gtest/gtest.h>

#include "rules/kubectl_patch_support.h"
#include "rules/rule_test_support.h"

namespace hybridctl::testing {
namespace hn008_test {

const char* kCiliumAgentOnHybrid = R"(apiVersion: apps/v1
kind: DaemonSet
metadata: {name: cilium, namespace: kube-system}
spec:
  selector: {matchLabels: {k8s-app: cilium}}
  template:
    metadata: {labels: {k8s-app: cilium}}
    spec:
      affinity:
        nodeAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
            nodeSelectorTerms:
            - matchExpressions:
              - {key: eks.amazonaws.com/compute-type, operator: In, values: [hybrid]}
      containers: [{name: cilium-agent, image: quay.io/cilium/cilium:v1.16.0}]
)";

std::string cilium_config(const std::string& data_line, const std::string& metadata_extra = "") {
  return R"(apiVersion: v1
kind: ConfigMap
metadata:
  name: cilium-config
  namespace: kube-system
)" + metadata_extra +
         R"(data:
  ipam: cluster-pool
)" + data_line;
}

const char* kPreferCloseService = R"(apiVersion: v1
kind: Service
metadata: {name: kube-dns, namespace: kube-system}
spec:
  selector: {k8s-app: kube-dns}
  ports: [{port: 53, protocol: UDP}]
  trafficDistribution: PreferClose
)";

const char* kTopologyModeService = R"(apiVersion: v1
kind: Service
metadata:
  name: api
  namespace: shop
  annotations: {service.kubernetes.io/topology-mode: Auto}
spec:
  selector: {app: api}
  ports: [{port: 80}]
)";

const char* kPlainService = R"(apiVersion: v1
kind: Service
metadata: {name: api, namespace: shop}
spec:
  selector: {app: api}
  ports: [{port: 80}]
)";

std::string cluster(const std::string& config, const std::string& service) {
  return std::string(kCiliumAgentOnHybrid) + "---\n" + (config.empty() ? "" : config + "---\n") + service;
}

TEST(RuleHN008, MissingSettingWithTrafficDistributionFiresOnTheConfigMap) {
  Audit a;
  run_audit(a, cluster(cilium_config(""), kPreferCloseService), kMixedNodes, model::PodNetwork::Unroutable);
  auto f = a.of("HN008");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0]->severity, rules::Severity::Error);
  EXPECT_EQ(f[0]->object.kind, "ConfigMap");
  EXPECT_EQ(f[0]->object.name, "cilium-config");
  EXPECT_NE(f[0]->message.find("kube-system/kube-dns"), std::string::npos);
  fix::RenderedFix r = fix::render(*f[0]);
  ASSERT_EQ(r.patches.size(), 1u);
  EXPECT_EQ(r.patches[0].patch, R"([{"op":"test","path":"/data/enable-service-topology","value":null},)"
                                R"({"op":"add","path":"/data/enable-service-topology","value":"true"}])");
  ASSERT_EQ(r.kubectl.size(), 2u);
  EXPECT_EQ(r.kubectl[1], "kubectl -n kube-system rollout restart ds/cilium") << "the agents read it only at start";
}

TEST(RuleHN008, TopologyModeAutoAlsoCounts) {
  Audit a;
  run_audit(a, cluster(cilium_config(""), kTopologyModeService), kMixedNodes, model::PodNetwork::Unroutable);
  EXPECT_EQ(a.of("HN008").size(), 1u);
}

TEST(RuleHN008, FalseValueFiresWithAGuardedReplace) {
  Audit a;
  run_audit(a, cluster(cilium_config("  enable-service-topology: \"false\"\n"), kPreferCloseService), kMixedNodes,
            model::PodNetwork::Unroutable);
  auto f = a.of("HN008");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(first_json_patch(*f[0]), R"([{"op":"test","path":"/data/enable-service-topology","value":"false"},)"
                                     R"({"op":"replace","path":"/data/enable-service-topology","value":"true"}])");
}

TEST(RuleHN008, SettingEnabledIsCompliant) {
  // eks-hybrid-nodes-gateway's rendered Cilium 1.19 sets it.
  Audit a;
  run_audit(a, cluster(cilium_config("  enable-service-topology: \"true\"\n"), kPreferCloseService), kMixedNodes,
            model::PodNetwork::Unroutable);
  EXPECT_TRUE(a.of("HN008").empty());
}

TEST(RuleHN008, NoServiceUsingTopologyIsCompliant) {
  Audit a;
  run_audit(a, cluster(cilium_config(""), kPlainService), kMixedNodes, model::PodNetwork::Unroutable);
  EXPECT_TRUE(a.of("HN008").empty());
}

TEST(RuleHN008, CiliumKeptOffHybridNodesIsNotReported) {
  std::string agent = kCiliumAgentOnHybrid;
  agent.replace(agent.find("operator: In"), std::string("operator: In").size(), "operator: NotIn");
  Audit a;
  run_audit(a, agent + "---\n" + cilium_config("") + "---\n" + kPreferCloseService, kMixedNodes,
            model::PodNetwork::Unroutable);
  EXPECT_TRUE(a.of("HN008").empty());
}

TEST(RuleHN008, WithoutTheConfigMapTheAgentDaemonSetIsReported) {
  Audit a;
  run_audit(a, cluster("", kPreferCloseService), kMixedNodes, model::PodNetwork::Unroutable);
  auto f = a.of("HN008");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0]->object.kind, "DaemonSet");
  EXPECT_EQ(f[0]->object.name, "cilium");
  fix::RenderedFix r = fix::render(*f[0]);
  EXPECT_TRUE(r.patches.empty());
  ASSERT_EQ(r.kubectl.size(), 2u);
  EXPECT_EQ(r.kubectl[0], "cilium config set enable-service-topology true");
}

TEST(RuleHN008, HelmManagedConfigMapGetsTheChartValue) {
  Audit a;
  run_audit(a, cluster(cilium_config("", "  annotations: {meta.helm.sh/release-name: cilium}\n"), kPreferCloseService),
            kMixedNodes, model::PodNetwork::Unroutable);
  auto f = a.of("HN008");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(fix::render(*f[0]).helm_values, R"({"loadBalancer":{"serviceTopology":true}})");
}

TEST(RuleHN008, PatchClearsTheFindingAndAddingTwiceIsANoOp) {
  if (!kubectl_available()) GTEST_SKIP() << "kubectl not installed";
  std::string config = cilium_config("");
  Audit before;
  run_audit(before, cluster(config, kPreferCloseService), kMixedNodes, model::PodNetwork::Unroutable);
  std::string patch = first_json_patch(*before.of("HN008").at(0));
  PatchOutcome once = kubectl_patch_local(config, patch);
  ASSERT_TRUE(once.applied) << once.error;
  Audit after;
  run_audit(after, cluster(once.yaml, kPreferCloseService), kMixedNodes, model::PodNetwork::Unroutable);
  EXPECT_TRUE(after.of("HN008").empty());
  // The key is now present: the absence guard fails, nothing changes twice.
  EXPECT_FALSE(kubectl_patch_local(once.yaml, patch).applied);
}

TEST(RuleHN008, GuardedReplaceFailsTheSecondTime) {
  if (!kubectl_available()) GTEST_SKIP() << "kubectl not installed";
  std::string config = cilium_config("  enable-service-topology: \"false\"\n");
  Audit before;
  run_audit(before, cluster(config, kPreferCloseService), kMixedNodes, model::PodNetwork::Unroutable);
  std::string patch = first_json_patch(*before.of("HN008").at(0));
  PatchOutcome once = kubectl_patch_local(config, patch);
  ASSERT_TRUE(once.applied) << once.error;
  Audit after;
  run_audit(after, cluster(once.yaml, kPreferCloseService), kMixedNodes, model::PodNetwork::Unroutable);
  EXPECT_TRUE(after.of("HN008").empty());
  EXPECT_FALSE(kubectl_patch_local(once.yaml, patch).applied);
}

}  // namespace hn008_test
}  // namespace hybridctl::testing
