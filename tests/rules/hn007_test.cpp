// HN007: trafficDistribution on kube-dns and on Services with backends on
// both sides, and the versions that honour it.
#include <gtest/gtest.h>

#include "fix/render.h"
#include "rules/kubectl_patch_support.h"
#include "rules/rule_test_support.h"

namespace hybridctl::testing {
namespace hn007_test {

std::string service(const std::string& ns, const std::string& name, const std::string& spec_extra,
                    const std::string& app = "web") {
  return "---\napiVersion: v1\nkind: Service\nmetadata: {name: " + name + ", namespace: " + ns +
         "}\nspec:\n  selector: {app: " + app + "}\n  ports: [{port: 80}]\n" + spec_extra;
}

std::string deployment(const std::string& ns, const std::string& app, const std::string& spec_extra = "") {
  return "---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: " + app + ", namespace: " + ns +
         "}\nspec:\n  replicas: 2\n  selector: {matchLabels: {app: " + app +
         "}}\n  template:\n    metadata: {labels: "
         "{app: " +
         app + "}}\n    spec:\n      containers: [{name: c, image: example/" + app + ":1}]\n" + spec_extra;
}

constexpr const char* kCloudOnly = R"(      nodeSelector: {eks.amazonaws.com/compute-type: ec2}
)";

std::vector<const rules::Finding*> hn007(const std::string& yaml, const std::string& version = "",
                                         const std::string& nodes = kMixedNodes) {
  static std::vector<std::unique_ptr<Audit>> keep;  // findings point into their audit
  keep.push_back(std::make_unique<Audit>());
  run_audit(*keep.back(), yaml, nodes, std::nullopt, [&](model::ClusterFacts& f) { f.kubernetes_version = version; });
  return keep.back()->of("HN007");
}

TEST(Hn007, KubeDnsWithoutTrafficDistributionIsAnError) {
  auto fs = hn007(service("kube-system", "kube-dns", "", "kube-dns") + deployment("kube-system", "kube-dns"));
  ASSERT_EQ(fs.size(), 1u);
  EXPECT_EQ(fs[0]->severity, rules::Severity::Error);
  EXPECT_EQ(fs[0]->object.name, "kube-dns");
}

TEST(Hn007, KubeDnsWithPreferCloseIsClean) {
  EXPECT_TRUE(hn007(service("kube-system", "kube-dns", "  trafficDistribution: PreferClose\n", "kube-dns")).empty());
}

TEST(Hn007, BackendsPlaceableOnBothSidesGiveAWarning) {
  auto fs = hn007(service("shop", "web", "") + deployment("shop", "web"));
  ASSERT_EQ(fs.size(), 1u);
  EXPECT_EQ(fs[0]->severity, rules::Severity::Warning);
  EXPECT_NE(fs[0]->message.find("both cloud and hybrid"), std::string::npos) << fs[0]->message;
}

TEST(Hn007, TheWarningGivesTheSimulatedShareAndWhatPreferCloseLeaves) {
  // No pods: the placement puts the two replicas on the two nodes (default
  // spreading), so half of each side's connections cross; with PreferClose
  // every zone has its own endpoint and none do.
  auto fs = hn007(service("shop", "web", "") + deployment("shop", "web"), "", "cloud:us-west-2a=1,hybrid:onprem=1");
  ASSERT_EQ(fs.size(), 1u);
  EXPECT_NE(fs[0]->message.find("simulated: 50% of cloud clients' connections go on premises and 50% of "
                                "on-premises clients' to the cloud; PreferClose leaves 0% and 0%"),
            std::string::npos)
      << fs[0]->message;
}

TEST(Hn007, InternalTrafficPolicyLocalHasNothingToGainAndIsSilent) {
  // kube-proxy sends each client only to endpoints on its own node: the
  // simulation finds no crossing with or without PreferClose.
  auto fs = hn007(service("shop", "web", "  internalTrafficPolicy: Local\n") + deployment("shop", "web"), "",
                  "cloud:us-west-2a=1,hybrid:onprem=1");
  EXPECT_TRUE(fs.empty()) << fs[0]->message;
}

TEST(Hn007, NothingToGainBecauseHybridNodesHaveNoZoneNamesHn006AsTheReason) {
  // An unzoned hybrid node: the EndpointSlice controller sets no hints, so
  // PreferClose changes nothing until HN006's label is there.
  auto fs = hn007(service("shop", "web", "") + deployment("shop", "web"), "", "cloud:us-west-2a=1,hybrid:=1");
  ASSERT_EQ(fs.size(), 1u);
  EXPECT_EQ(fs[0]->severity, rules::Severity::Info);
  EXPECT_NE(fs[0]->message.find("would not change"), std::string::npos) << fs[0]->message;
  EXPECT_NE(fs[0]->message.find("no topology.kubernetes.io/zone label (HN006)"), std::string::npos) << fs[0]->message;
}

TEST(Hn007, BackendsThatCanOnlyRunInTheCloudGiveAnInfo) {
  auto fs = hn007(service("shop", "web", "") + deployment("shop", "web", kCloudOnly));
  ASSERT_EQ(fs.size(), 1u);
  EXPECT_EQ(fs[0]->severity, rules::Severity::Info);
}

TEST(Hn007, AServiceWithoutKnownBackendsIsNotJudged) { EXPECT_TRUE(hn007(service("shop", "web", "")).empty()); }

TEST(Hn007, HeadlessAndExternalNameServicesAreExcluded) {
  EXPECT_TRUE(hn007(service("shop", "web", "  clusterIP: None\n") + deployment("shop", "web")).empty());
  EXPECT_TRUE(hn007("apiVersion: v1\nkind: Service\nmetadata: {name: ext, namespace: shop}\nspec:\n  type: "
                    "ExternalName\n  externalName: example.com\n")
                  .empty());
}

TEST(Hn007, WebhookBackendsAreCalledByTheApiServerNotThroughKubeProxy) {
  std::string webhook = R"(apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingWebhookConfiguration
metadata: {name: policy}
webhooks:
- name: check.example.com
  clientConfig: {service: {namespace: shop, name: web}}
)";
  EXPECT_TRUE(hn007(webhook + service("shop", "web", "") + deployment("shop", "web")).empty());
}

TEST(Hn007, TopologyModeAutoIsLeftToHn014) {
  std::string auto_svc =
      "---\napiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: shop, annotations: "
      "{service.kubernetes.io/topology-mode: Auto}}\nspec:\n  selector: {app: web}\n  ports: "
      "[{port: 80}]\n";
  EXPECT_TRUE(hn007(auto_svc + deployment("shop", "web")).empty());
}

TEST(Hn007, ACloudOnlyClusterIsNotMixed) {
  EXPECT_TRUE(hn007(service("kube-system", "kube-dns", "", "kube-dns"), "", "cloud:us-west-2a=2").empty());
}

TEST(Hn007, PreferCloseOnA130ClusterIsAnError) {
  auto fs = hn007(service("shop", "web", "  trafficDistribution: PreferClose\n") + deployment("shop", "web"), "1.30");
  ASSERT_EQ(fs.size(), 1u);
  EXPECT_EQ(fs[0]->severity, rules::Severity::Error);
  EXPECT_NE(fs[0]->message.find("1.31"), std::string::npos) << fs[0]->message;
}

TEST(Hn007, PreferCloseOnA131ClusterIsFine) {
  EXPECT_TRUE(hn007(service("shop", "web", "  trafficDistribution: PreferClose\n") + deployment("shop", "web"),
                    "v1.31.4-eks-2d5f260")
                  .empty());
}

TEST(Hn007, PreferSameZoneNeeds134) {
  auto fs = hn007(service("shop", "web", "  trafficDistribution: PreferSameZone\n"), "1.33");
  ASSERT_EQ(fs.size(), 1u);
  EXPECT_NE(fs[0]->message.find("1.34"), std::string::npos) << fs[0]->message;
  EXPECT_TRUE(hn007(service("shop", "web", "  trafficDistribution: PreferSameZone\n"), "1.34").empty());
}

TEST(Hn007, KubeletVersionsAreOnlyALowerBoundAndNeverProveTheClusterTooOld) {
  std::string old_nodes = R"(---
apiVersion: v1
kind: Node
metadata: {name: old-cloud, labels: {topology.kubernetes.io/zone: us-west-2a}}
status: {nodeInfo: {kubeletVersion: v1.28.5}}
---
apiVersion: v1
kind: Node
metadata: {name: old-hybrid, labels: {eks.amazonaws.com/compute-type: hybrid, topology.kubernetes.io/zone: onprem}}
status: {nodeInfo: {kubeletVersion: v1.28.5}}
)";
  EXPECT_TRUE(hn007(old_nodes + service("shop", "web", "  trafficDistribution: PreferClose\n"), "", "").empty());
}

TEST(Hn007, KubeProxyImageOlderThan131IsAWarningOnTheDaemonSet) {
  std::string kube_proxy = R"(---
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: kube-proxy, namespace: kube-system}
spec:
  selector: {matchLabels: {k8s-app: kube-proxy}}
  template:
    metadata: {labels: {k8s-app: kube-proxy}}
    spec:
      containers: [{name: kube-proxy, image: 602401143452.dkr.ecr.us-west-2.amazonaws.com/eks/kube-proxy:v1.30.0-minimal-eksbuild.3}]
)";
  auto fs = hn007(kube_proxy + service("shop", "web", "  trafficDistribution: PreferClose\n"));
  ASSERT_EQ(fs.size(), 1u);
  EXPECT_EQ(fs[0]->severity, rules::Severity::Warning);
  EXPECT_EQ(fs[0]->object.kind, "DaemonSet");
  EXPECT_NE(fs[0]->message.find("1.30"), std::string::npos) << fs[0]->message;
}

TEST(Hn007, FixAppliedWithKubectlClearsTheFindingAndIsIdempotent) {
  if (!kubectl_available()) GTEST_SKIP() << "kubectl not installed";
  std::string svc = service("kube-system", "kube-dns", "", "kube-dns").substr(4);
  auto fs = hn007(svc);
  ASSERT_EQ(fs.size(), 1u);
  fix::RenderedFix r = fix::render(*fs[0]);
  ASSERT_EQ(r.patches.size(), 1u);
  PatchOutcome once = kubectl_patch_local(svc, r.patches[0].patch);
  ASSERT_TRUE(once.applied) << once.error;
  EXPECT_TRUE(hn007(once.yaml).empty()) << once.yaml;
  // The field is now set: the absence guard fails, nothing changes twice.
  EXPECT_FALSE(kubectl_patch_local(once.yaml, r.patches[0].patch).applied);
}

}  // namespace hn007_test
}  // namespace hybridctl::testing
