// Every `add` that could replace an existing member is guarded by a `test`
// of that path: its current value, or null where the dump had nothing. A
// stale dump then makes the patch fail instead of deleting what the user
// added since (kubectl patch --local is the oracle: it passes a test of null
// on a missing member and fails it on a present one).
#include <gtest/gtest.h>

#include "rules/kubectl_patch_support.h"
#include "rules/rule_test_support.h"

namespace hybridctl::testing {
namespace absence_guard_test {

const char* kWebhook = R"(apiVersion: admissionregistration.k8s.io/v1
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
---
)";

std::string policy_engine(const std::string& pod_spec_extra) {
  return R"(apiVersion: apps/v1
kind: Deployment
metadata: {name: policy-engine, namespace: policy}
spec:
  replicas: 2
  selector: {matchLabels: {app: policy-engine}}
  template:
    metadata: {labels: {app: policy-engine}}
    spec:
      containers: [{name: engine, image: example/policy-engine:1}]
)" + pod_spec_extra;
}

const char* kUserAntiAffinity = R"(      affinity:
        podAntiAffinity:
          preferredDuringSchedulingIgnoredDuringExecution:
          - weight: 100
            podAffinityTerm:
              topologyKey: kubernetes.io/hostname
              labelSelector: {matchLabels: {app: policy-engine}}
)";

const char* kUserPreferredNodeAffinity = R"(      affinity:
        nodeAffinity:
          preferredDuringSchedulingIgnoredDuringExecution:
          - weight: 10
            preference:
              matchExpressions:
              - {key: kubernetes.io/arch, operator: In, values: [arm64]}
)";

const char* kUserRequiredTerm = R"(      affinity:
        nodeAffinity:
          preferredDuringSchedulingIgnoredDuringExecution:
          - weight: 10
            preference:
              matchExpressions:
              - {key: kubernetes.io/arch, operator: In, values: [arm64]}
          requiredDuringSchedulingIgnoredDuringExecution:
            nodeSelectorTerms:
            - matchExpressions:
              - {key: kubernetes.io/os, operator: In, values: [linux]}
)";

const char* kUserNodeAffinityBesideAntiAffinity = R"(      affinity:
        nodeAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
            nodeSelectorTerms:
            - matchExpressions:
              - {key: kubernetes.io/os, operator: In, values: [linux]}
        podAntiAffinity:
          preferredDuringSchedulingIgnoredDuringExecution:
          - weight: 100
            podAffinityTerm:
              topologyKey: kubernetes.io/hostname
              labelSelector: {matchLabels: {app: policy-engine}}
)";

// The HN002 patch computed from `dumped`, applied to the dump (must work) and
// to `since` (the object as it is now, with the user's change: must fail).
void expect_patch_guards(const std::string& dumped, const std::string& since) {
  if (!kubectl_available()) GTEST_SKIP() << "kubectl not installed";
  Audit a;
  run_audit(a, std::string(kWebhook) + policy_engine(dumped), kMixedNodes, model::PodNetwork::Unroutable);
  ASSERT_EQ(a.of("HN002").size(), 1u);
  std::string patch = first_json_patch(*a.of("HN002")[0]);
  ASSERT_FALSE(patch.empty());
  PatchOutcome fresh = kubectl_patch_local(policy_engine(dumped), patch);
  EXPECT_TRUE(fresh.applied) << fresh.error << "\npatch: " << patch;
  PatchOutcome stale = kubectl_patch_local(policy_engine(since), patch);
  EXPECT_FALSE(stale.applied) << "the patch replaced what the user added since the dump:\n"
                              << stale.yaml << "\npatch: " << patch;
}

TEST(AbsenceGuard, AffinityAddedSinceTheDumpIsNotReplaced) { expect_patch_guards("", kUserAntiAffinity); }

TEST(AbsenceGuard, NodeAffinityAddedBesideAntiAffinityIsNotReplaced) {
  expect_patch_guards(kUserAntiAffinity, kUserNodeAffinityBesideAntiAffinity);
}

TEST(AbsenceGuard, RequiredTermsAddedBesidePreferredOnesAreNotReplaced) {
  expect_patch_guards(kUserPreferredNodeAffinity, kUserRequiredTerm);
}

std::string coredns(const std::string& replicas_line, const std::string& pod_spec_extra) {
  return R"(apiVersion: apps/v1
kind: Deployment
metadata: {name: coredns, namespace: kube-system}
spec:
)" + replicas_line +
         R"(  selector: {matchLabels: {k8s-app: kube-dns}}
  template:
    metadata: {labels: {k8s-app: kube-dns}}
    spec:
      containers: [{name: coredns, image: coredns/coredns:1.11.1}]
)" + pod_spec_extra;
}

TEST(AbsenceGuard, CorednsAntiAffinityAndReplicasAddedSinceTheDumpAreNotReplaced) {
  if (!kubectl_available()) GTEST_SKIP() << "kubectl not installed";
  Audit a;
  run_audit(a, coredns("", ""), kMixedNodes, model::PodNetwork::Unroutable);
  ASSERT_EQ(a.of("HN005").size(), 1u);
  std::string patch = first_json_patch(*a.of("HN005")[0]);
  ASSERT_FALSE(patch.empty());
  EXPECT_TRUE(kubectl_patch_local(coredns("", ""), patch).applied) << patch;
  const char* user_affinity = R"(      affinity:
        podAntiAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
          - topologyKey: kubernetes.io/hostname
            labelSelector: {matchLabels: {k8s-app: kube-dns}}
)";
  EXPECT_FALSE(kubectl_patch_local(coredns("", user_affinity), patch).applied) << patch;
  EXPECT_FALSE(kubectl_patch_local(coredns("  replicas: 5\n", ""), patch).applied)
      << "replicas set since the dump must not be overwritten: " << patch;
}

TEST(AbsenceGuard, TrafficDistributionSetSinceTheDumpIsNotReplaced) {
  if (!kubectl_available()) GTEST_SKIP() << "kubectl not installed";
  auto service = [](const std::string& extra) {
    return R"(apiVersion: v1
kind: Service
metadata: {name: kube-dns, namespace: kube-system}
spec:
  selector: {k8s-app: kube-dns}
  ports: [{port: 53, protocol: UDP}]
)" + extra;
  };
  Audit a;
  run_audit(a, service(""), kMixedNodes, model::PodNetwork::Unroutable);
  ASSERT_EQ(a.of("HN007").size(), 1u);
  std::string patch = first_json_patch(*a.of("HN007")[0]);
  EXPECT_TRUE(kubectl_patch_local(service(""), patch).applied) << patch;
  EXPECT_FALSE(kubectl_patch_local(service("  trafficDistribution: PreferSameNode\n"), patch).applied) << patch;
}

TEST(AbsenceGuard, KubectlPassesATestOfNullOnlyWhenTheMemberIsMissing) {
  // The semantics every guard above relies on, pinned to the oracle itself.
  if (!kubectl_available()) GTEST_SKIP() << "kubectl not installed";
  const std::string test_null = R"([{"op":"test","path":"/spec/template/spec/affinity","value":null}])";
  EXPECT_TRUE(kubectl_patch_local(policy_engine(""), test_null).applied);
  EXPECT_FALSE(kubectl_patch_local(policy_engine(kUserAntiAffinity), test_null).applied);
}

}  // namespace absence_guard_test
}  // namespace hybridctl::testing
