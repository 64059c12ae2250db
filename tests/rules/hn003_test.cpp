// HN003: CNI components on the side AWS does not support them.
#include <gtest/gtest.h>

#include "analysis/feasibility.h"
#include "rules/kubectl_patch_support.h"
#include "rules/rule_test_support.h"

namespace hybridctl::testing {
namespace hn003_test {

std::string workload(const std::string& kind, const std::string& ns, const std::string& name,
                     const std::string& spec_extra, const std::string& metadata_extra = "") {
  return "apiVersion: apps/v1\nkind: " + kind + "\nmetadata:\n  name: " + name + "\n  namespace: " + ns + "\n" +
         metadata_extra + R"(spec:
  selector:
    matchLabels: {k8s-app: )" +
         name + R"(}
  template:
    metadata:
      labels: {k8s-app: )" +
         name + R"(}
    spec:
      containers: [{name: main, image: example/)" +
         name + R"(:1}]
)" + spec_extra;
}

// The EKS 1.25 default add-on (eksctl sample-1.25.json): only Fargate excluded.
const char* kFargateOnlyExclusion = R"(      affinity:
        nodeAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
            nodeSelectorTerms:
            - matchExpressions:
              - {key: kubernetes.io/os, operator: In, values: [linux]}
              - {key: eks.amazonaws.com/compute-type, operator: NotIn, values: [fargate]}
)";

// The current upstream manifest (amazon-vpc-cni-k8s config/master): hybrid excluded.
const char* kHybridExcluded = R"(      affinity:
        nodeAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
            nodeSelectorTerms:
            - matchExpressions:
              - {key: kubernetes.io/os, operator: In, values: [linux]}
              - {key: eks.amazonaws.com/compute-type, operator: NotIn, values: [fargate, hybrid, auto]}
)";

const char* kNotInHybridInOneOfTwoTerms = R"(      affinity:
        nodeAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
            nodeSelectorTerms:
            - matchExpressions:
              - {key: eks.amazonaws.com/compute-type, operator: NotIn, values: [hybrid]}
            - matchExpressions:
              - {key: kubernetes.io/os, operator: In, values: [linux]}
)";

const char* kInHybrid = R"(      affinity:
        nodeAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
            nodeSelectorTerms:
            - matchExpressions:
              - {key: eks.amazonaws.com/compute-type, operator: In, values: [hybrid]}
)";

const char* kInHybridInOneOfTwoTerms = R"(      affinity:
        nodeAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
            nodeSelectorTerms:
            - matchExpressions:
              - {key: eks.amazonaws.com/compute-type, operator: In, values: [hybrid]}
            - matchExpressions:
              - {key: kubernetes.io/os, operator: In, values: [linux]}
)";

TEST(RuleHN003, AwsNodeExcludingOnlyFargateFires) {
  Audit a;
  run_audit(a, workload("DaemonSet", "kube-system", "aws-node", kFargateOnlyExclusion), kMixedNodes,
            model::PodNetwork::Unroutable);
  auto f = a.of("HN003");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0]->severity, rules::Severity::Error);
  EXPECT_EQ(f[0]->object.name, "aws-node");
  ASSERT_EQ(f[0]->fixes.size(), 1u);
  const auto* intent = std::get_if<fix::RequireNodeAffinity>(&f[0]->fixes[0]);
  ASSERT_NE(intent, nullptr);
  EXPECT_EQ(intent->op, "NotIn");
  EXPECT_EQ(intent->values, std::vector<std::string>{"hybrid"});
}

TEST(RuleHN003, AwsNodeExcludingHybridIsCompliant) {
  Audit a;
  run_audit(a, workload("DaemonSet", "kube-system", "aws-node", kHybridExcluded), kMixedNodes,
            model::PodNetwork::Unroutable);
  EXPECT_TRUE(a.of("HN003").empty());
}

TEST(RuleHN003, AwsNodeNotInHybridInOnlyOneOfTwoTermsFires) {
  // Terms are ORed: the second lets aws-node onto hybrid nodes.
  Audit a;
  run_audit(a, workload("DaemonSet", "kube-system", "aws-node", kNotInHybridInOneOfTwoTerms), kMixedNodes,
            model::PodNetwork::Unroutable);
  EXPECT_EQ(a.of("HN003").size(), 1u);
}

TEST(RuleHN003, AwsNodeOutsideKubeSystemIsNotTheVpcCni) {
  Audit a;
  run_audit(a, workload("DaemonSet", "default", "aws-node", ""), kMixedNodes, model::PodNetwork::Unroutable);
  EXPECT_TRUE(a.of("HN003").empty());
}

TEST(RuleHN003, CloudOnlyClusterIsNotMixed) {
  Audit a;
  run_audit(a, workload("DaemonSet", "kube-system", "aws-node", ""), "cloud:us-west-2a=2",
            model::PodNetwork::Unroutable);
  EXPECT_TRUE(a.of("HN003").empty());
}

TEST(RuleHN003, CiliumAgentPinnedToHybridIsCompliant) {
  Audit a;
  run_audit(a, workload("DaemonSet", "kube-system", "cilium", kInHybrid), kMixedNodes, model::PodNetwork::Unroutable);
  EXPECT_TRUE(a.of("HN003").empty());
}

TEST(RuleHN003, CiliumOperatorWithoutAffinityFires) {
  // eks-hybrid's rendered Cilium pins the agent but not the operator.
  Audit a;
  run_audit(
      a,
      workload("DaemonSet", "kube-system", "cilium", kInHybrid) + "---\n" +
          workload("Deployment", "kube-system", "cilium-operator", "      nodeSelector: {kubernetes.io/os: linux}\n"),
      kMixedNodes, model::PodNetwork::Unroutable);
  auto f = a.of("HN003");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0]->object.name, "cilium-operator");
  const auto* intent = std::get_if<fix::RequireNodeAffinity>(&f[0]->fixes.at(0));
  ASSERT_NE(intent, nullptr);
  EXPECT_EQ(intent->op, "In");
  EXPECT_TRUE(intent->helm_value_paths.empty()) << "not installed by Helm: a plain patch";
}

TEST(RuleHN003, CiliumEnvoyInHybridInOnlyOneOfTwoTermsFires) {
  Audit a;
  run_audit(a, workload("DaemonSet", "kube-system", "cilium-envoy", kInHybridInOneOfTwoTerms), kMixedNodes,
            model::PodNetwork::Unroutable);
  EXPECT_EQ(a.of("HN003").size(), 1u);
}

TEST(RuleHN003, HelmInstalledCiliumOperatorGetsOperatorAffinityValue) {
  Audit a;
  run_audit(a,
            workload("Deployment", "kube-system", "cilium-operator", "",
                     "  annotations: {meta.helm.sh/release-name: cilium, "
                     "meta.helm.sh/release-namespace: kube-system}\n"),
            kMixedNodes, model::PodNetwork::Unroutable);
  auto f = a.of("HN003");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0]->managed_by.kind, analysis::Manager::Kind::Helm);
  fix::RenderedFix r = fix::render(*f[0]);
  EXPECT_NE(r.helm_values.find(R"({"operator":{"affinity":{"nodeAffinity")"), std::string::npos) << r.helm_values;
  EXPECT_NE(r.helm_values.find(R"("operator":"In","values":["hybrid"])"), std::string::npos) << r.helm_values;
}

TEST(RuleHN003, CalicoNodeManifestInstallFiresWithPatch) {
  // projectcalico manifests/calico.yaml: calico-node only selects linux nodes.
  Audit a;
  run_audit(a, workload("DaemonSet", "kube-system", "calico-node", "      nodeSelector: {kubernetes.io/os: linux}\n"),
            kMixedNodes, model::PodNetwork::Unroutable);
  ASSERT_EQ(a.of("HN003").size(), 1u);
  EXPECT_TRUE(std::holds_alternative<fix::RequireNodeAffinity>(a.of("HN003")[0]->fixes.at(0)));
}

const char* kInstallation = R"(apiVersion: operator.tigera.io/v1
kind: Installation
metadata:
  name: default
spec:
  calicoNetwork:
    ipPools:
    - {name: default-ipv4-ippool, cidr: 192.168.0.0/16, nodeSelector: all()}
)";

std::string operator_managed_typha() {
  return workload("Deployment", "calico-system", "calico-typha", "",
                  "  ownerReferences:\n  - {apiVersion: operator.tigera.io/v1, kind: Installation, "
                  "name: default, "
                  "uid: 1, controller: true}\n");
}

TEST(RuleHN003, TigeraOperatorManagedCalicoGetsInstallationPatch) {
  Audit a;
  run_audit(a, operator_managed_typha(), kMixedNodes, model::PodNetwork::Unroutable);
  auto f = a.of("HN003");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0]->managed_by.owner_kind, "Installation");
  // The rule asks for the affinity; fix/ renders it where the operator reads it.
  ASSERT_TRUE(std::holds_alternative<fix::RequireNodeAffinity>(f[0]->fixes.at(0)));
  fix::RenderedFix rendered = fix::render(*f[0]);
  ASSERT_EQ(rendered.patches.size(), 1u);
  const fix::RenderedPatch& patch = rendered.patches[0];
  EXPECT_EQ(patch.target.kind, "Installation");
  EXPECT_EQ(patch.target.name, "default");
  EXPECT_NE(patch.patch.find(R"("path":"/spec/typhaDeployment")"), std::string::npos) << patch.patch;
  EXPECT_EQ(rendered.note.find("reverted"), std::string::npos)
      << "the patch goes to the operator's source: no warning about patching a managed object";
}

TEST(RuleHN003, InstallationPatchAppliesAndIsANoOpTheSecondTime) {
  if (!kubectl_available()) GTEST_SKIP() << "kubectl not installed";
  Audit a;
  run_audit(a, operator_managed_typha(), kMixedNodes, model::PodNetwork::Unroutable);
  std::string patch = first_json_patch(*a.of("HN003").at(0));
  PatchOutcome once = kubectl_patch_local(kInstallation, patch);
  ASSERT_TRUE(once.applied) << once.error;
  EXPECT_NE(once.yaml.find("typhaDeployment:"), std::string::npos) << once.yaml;
  EXPECT_NE(once.yaml.find("- hybrid"), std::string::npos) << once.yaml;
  EXPECT_NE(once.yaml.find("cidr: 192.168.0.0/16"), std::string::npos) << "the pools are untouched";
  // The override is now present: the absence guard fails, nothing is replaced twice.
  EXPECT_FALSE(kubectl_patch_local(once.yaml, patch).applied);
}

TEST(RuleHN003, InstallationPatchNeverReplacesAnOverrideWrittenSinceTheDump) {
  if (!kubectl_available()) GTEST_SKIP() << "kubectl not installed";
  Audit a;
  run_audit(a, operator_managed_typha(), kMixedNodes, model::PodNetwork::Unroutable);
  std::string patch = first_json_patch(*a.of("HN003").at(0));
  std::string with_override = std::string(kInstallation) +
                              "  typhaDeployment:\n    spec:\n      template:\n        spec:\n"
                              "          tolerations: [{key: dedicated, operator: Exists}]\n";
  EXPECT_FALSE(kubectl_patch_local(with_override, patch).applied) << patch;
}

TEST(RuleHN003, AwsNodePatchClearsTheFindingAndItsGuardFailsTheSecondTime) {
  if (!kubectl_available()) GTEST_SKIP() << "kubectl not installed";
  std::string aws_node = workload("DaemonSet", "kube-system", "aws-node", kNotInHybridInOneOfTwoTerms);
  Audit before;
  run_audit(before, aws_node, kMixedNodes, model::PodNetwork::Unroutable);
  std::string patch = first_json_patch(*before.of("HN003").at(0));
  PatchOutcome once = kubectl_patch_local(aws_node, patch);
  ASSERT_TRUE(once.applied) << once.error;
  Audit after;
  run_audit(after, once.yaml, kMixedNodes, model::PodNetwork::Unroutable);
  EXPECT_TRUE(after.of("HN003").empty());
  // The test guard on the nodeSelectorTerms no longer holds.
  EXPECT_FALSE(kubectl_patch_local(once.yaml, patch).applied);
}

TEST(RuleHN003, CiliumPatchLeavesTheAgentPlaceableOnHybridNodes) {
  if (!kubectl_available()) GTEST_SKIP() << "kubectl not installed";
  std::string agent = workload("DaemonSet", "kube-system", "cilium", "      nodeSelector: {kubernetes.io/os: linux}\n");
  Audit before;
  run_audit(before, agent, kMixedNodes, model::PodNetwork::Unroutable);
  PatchOutcome once = kubectl_patch_local(agent, first_json_patch(*before.of("HN003").at(0)));
  ASSERT_TRUE(once.applied) << once.error;
  Audit after;
  run_audit(after, once.yaml, kMixedNodes, model::PodNetwork::Unroutable);
  EXPECT_TRUE(after.of("HN003").empty());
  ASSERT_EQ(after.snapshot.workloads.size(), 1u);
  EXPECT_TRUE(analysis::feasible_in(after.snapshot, after.snapshot.workloads[0].tmpl.spec, model::Environment::Hybrid));
}

TEST(RuleHN003, FitsNoNodeAtAllIsNotReported) {
  // Near miss: a template no node passes cannot run on the wrong side either.
  Audit a;
  run_audit(a, workload("DaemonSet", "kube-system", "calico-node", "      nodeSelector: {kubernetes.io/os: windows}\n"),
            kMixedNodes, model::PodNetwork::Unroutable);
  EXPECT_TRUE(a.of("HN003").empty()) << "fits no node at all: nothing runs on the wrong side";
}

}  // namespace hn003_test
}  // namespace hybridctl::testing
