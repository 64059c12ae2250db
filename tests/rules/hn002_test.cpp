// HN002: a webhook backend that may be placed on hybrid nodes.
#include <gtest/gtest.h>

#include "rules/rule_test_support.h"

namespace hybridctl::testing {
namespace hn002_test {

std::string webhook_backend(const std::string& affinity, const std::string& failure_policy = "Fail") {
  return R"(apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingWebhookConfiguration
metadata:
  name: policy
webhooks:
- name: check.policy.example.com
  failurePolicy: )" +
         failure_policy + R"(
  clientConfig:
    service: {namespace: policy, name: policy-engine}
---
apiVersion: v1
kind: Service
metadata: {name: policy-engine, namespace: policy}
spec:
  selector: {app: policy-engine}
  ports: [{port: 443, targetPort: 9443}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: policy-engine, namespace: policy}
spec:
  replicas: 2
  selector: {matchLabels: {app: policy-engine}}
  template:
    metadata: {labels: {app: policy-engine}}
    spec:
      containers: [{name: engine, image: example/policy-engine:1}]
)" + affinity;
}

const char* kNotInHybridInOneOfTwoTerms = R"(      affinity:
        nodeAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
            nodeSelectorTerms:
            - matchExpressions:
              - {key: eks.amazonaws.com/compute-type, operator: NotIn, values: [hybrid]}
            - matchExpressions:
              - {key: kubernetes.io/os, operator: In, values: [linux]}
)";

const char* kNotInHybridInEveryTerm = R"(      affinity:
        nodeAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
            nodeSelectorTerms:
            - matchExpressions:
              - {key: eks.amazonaws.com/compute-type, operator: NotIn, values: [hybrid]}
            - matchExpressions:
              - {key: kubernetes.io/os, operator: In, values: [linux]}
              - {key: eks.amazonaws.com/compute-type, operator: NotIn, values: [hybrid]}
)";

TEST(RuleHN002, UnpinnedFailClosedBackendIsAnError) {
  Audit a;
  run_audit(a, webhook_backend(""), kMixedNodes, model::PodNetwork::Unroutable);
  auto f = a.of("HN002");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0]->severity, rules::Severity::Error);
  EXPECT_EQ(f[0]->object.name, "policy-engine");
}

TEST(RuleHN002, IgnorePolicyOnlyIsAWarning) {
  Audit a;
  run_audit(a, webhook_backend("", "Ignore"), kMixedNodes, model::PodNetwork::Unroutable);
  ASSERT_EQ(a.of("HN002").size(), 1u);
  EXPECT_EQ(a.of("HN002")[0]->severity, rules::Severity::Warning);
}

TEST(RuleHN002, NotInHybridInOnlyOneOfTwoTermsStillFires) {
  // Terms are ORed: the second term lets the pod onto a hybrid node.
  Audit a;
  run_audit(a, webhook_backend(kNotInHybridInOneOfTwoTerms), kMixedNodes, model::PodNetwork::Unroutable);
  ASSERT_EQ(a.of("HN002").size(), 1u);
}

TEST(RuleHN002, NotInHybridInEveryTermIsCompliant) {
  Audit a;
  run_audit(a, webhook_backend(kNotInHybridInEveryTerm), kMixedNodes, model::PodNetwork::Unroutable);
  EXPECT_TRUE(a.of("HN002").empty());
}

TEST(RuleHN002, RoutablePodNetworkIsCompliant) {
  Audit a;
  run_audit(a, webhook_backend(""), kMixedNodes, model::PodNetwork::Routable);
  EXPECT_TRUE(a.of("HN002").empty());
}

TEST(RuleHN002, UnknownRoutabilityFiresOneSeverityLower) {
  Audit a;
  run_audit(a, webhook_backend(""), kMixedNodes, std::nullopt);
  ASSERT_EQ(a.of("HN002").size(), 1u);
  EXPECT_EQ(a.of("HN002")[0]->severity, rules::Severity::Warning);
  EXPECT_EQ(a.of("HN015").size(), 1u) << "and says that routability is unknown";
}

TEST(RuleHN002, FixAddsTheExpressionToEveryTermThatLacksIt) {
  Audit a;
  run_audit(a, webhook_backend(kNotInHybridInOneOfTwoTerms), kMixedNodes, model::PodNetwork::Unroutable);
  auto f = a.of("HN002");
  ASSERT_EQ(f.size(), 1u);
  ASSERT_EQ(f[0]->fixes.size(), 1u);
  const auto* intent = std::get_if<fix::RequireNodeAffinity>(&f[0]->fixes[0]);
  ASSERT_NE(intent, nullptr);
  EXPECT_EQ(intent->template_path, "/spec/template/spec");
}

TEST(RuleHN002, PinnedToHybridGetsTheRoutabilityAlternativeNotNotIn) {
  Audit a;
  run_audit(a, webhook_backend("      nodeSelector: {eks.amazonaws.com/compute-type: hybrid}\n"), kMixedNodes,
            model::PodNetwork::Unroutable);
  auto f = a.of("HN002");
  ASSERT_EQ(f.size(), 1u);
  ASSERT_EQ(f[0]->fixes.size(), 1u);
  EXPECT_TRUE(std::holds_alternative<fix::ChangeNetwork>(f[0]->fixes[0]));
  EXPECT_NE(f[0]->fix_note.find("hostNetwork"), std::string::npos);
}

TEST(RuleHN002, IgnoreAnnotationOptsOut) {
  Audit a;
  std::string yaml = webhook_backend("");
  yaml.replace(yaml.find("metadata: {name: policy-engine, namespace: policy}\nspec:\n  replicas"),
               std::string("metadata: {name: policy-engine, namespace: policy}").size(),
               "metadata: {name: policy-engine, namespace: policy, annotations: {hybridctl/ignore: \"HN002\"}}");
  run_audit(a, yaml, kMixedNodes, model::PodNetwork::Unroutable);
  EXPECT_TRUE(a.of("HN002").empty());
}

}  // namespace hn002_test
}  // namespace hybridctl::testing
