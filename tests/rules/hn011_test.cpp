// HN011: the AMP managed collector cannot reach unroutable hybrid pods.
#include <gtest/gtest.h>

#include "fix/render.h"
#include "rules/rule_test_support.h"

namespace hybridctl::testing {
namespace hn011_test {

std::string binding(const std::string& subject_kind, const std::string& subject_name) {
  // The RBAC the Amazon Managed Service for Prometheus user guide applies for a managed scraper.
  return R"(apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: aps-collector-user-role-binding}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: aps-collector-role}
subjects:
- {kind: )" +
         subject_kind + ", name: " + subject_name + ", apiGroup: rbac.authorization.k8s.io}\n";
}

TEST(RuleHN011, ManagedCollectorWithUnroutableHybridPodsWarns) {
  Audit a;
  run_audit(a, binding("User", "aps-collector-user"), kMixedNodes, model::PodNetwork::Unroutable);
  auto f = a.of("HN011");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0]->severity, rules::Severity::Warning);
  EXPECT_EQ(f[0]->object.kind, "ClusterRoleBinding");
  fix::RenderedFix r = fix::render(*f[0]);
  ASSERT_EQ(r.kubectl.size(), 1u);
  EXPECT_EQ(r.kubectl[0], "aws eks create-addon --cluster-name CLUSTER --addon-name adot");
}

// The source document's split: an ADOT collector pinned to hybrid nodes whose
// scrape config keeps only hybrid targets.
const char* kHybridCollector = R"(---
apiVersion: opentelemetry.io/v1beta1
kind: OpenTelemetryCollector
metadata: {name: adot-col-prom-metrics, namespace: opentelemetry-operator-system}
spec:
  mode: deployment
  affinity:
    nodeAffinity:
      requiredDuringSchedulingIgnoredDuringExecution:
        nodeSelectorTerms:
        - matchExpressions:
          - {key: eks.amazonaws.com/compute-type, operator: In, values: [hybrid]}
  config:
    receivers:
      prometheus:
        config:
          scrape_configs:
          - job_name: pods
            kubernetes_sd_configs:
            - role: pod
              attach_metadata: {node: true}
            relabel_configs:
            - action: keep
              regex: hybrid
              source_labels: [__meta_kubernetes_node_label_eks_amazonaws_com_compute_type]
    exporters:
      debug: {}
    service:
      pipelines:
        metrics: {receivers: [prometheus], exporters: [debug]}
)";

TEST(RuleHN011, TheDocumentsSplitWithAHybridPinnedCollectorIsSilent) {
  Audit a;
  run_audit(a, binding("User", "aps-collector-user") + kHybridCollector, kMixedNodes, model::PodNetwork::Unroutable);
  EXPECT_TRUE(a.of("HN011").empty()) << a.of("HN011")[0]->message;
  EXPECT_TRUE(a.of("HN013").empty()) << "the collector itself is compliant";
}

TEST(RuleHN011, UnknownRoutabilityIsInfo) {
  Audit a;
  run_audit(a, binding("User", "aps-collector-user"), kMixedNodes, std::nullopt);
  ASSERT_EQ(a.of("HN011").size(), 1u);
  EXPECT_EQ(a.of("HN011")[0]->severity, rules::Severity::Info);
}

TEST(RuleHN011, RoutablePodNetworkIsCompliant) {
  Audit a;
  run_audit(a, binding("User", "aps-collector-user"), kMixedNodes, model::PodNetwork::Routable);
  EXPECT_TRUE(a.of("HN011").empty());
}

TEST(RuleHN011, NoHybridNodesNothingToReach) {
  Audit a;
  run_audit(a, binding("User", "aps-collector-user"), "cloud:us-west-2a=2", model::PodNetwork::Unroutable);
  EXPECT_TRUE(a.of("HN011").empty());
}

TEST(RuleHN011, AServiceAccountOfTheSameNameIsNotTheManagedCollector) {
  Audit a;
  run_audit(a, binding("ServiceAccount", "aps-collector-user"), kMixedNodes, model::PodNetwork::Unroutable);
  EXPECT_TRUE(a.of("HN011").empty());
}

TEST(RuleHN011, OtherUsersAreNotTheManagedCollector) {
  Audit a;
  run_audit(a, binding("User", "prometheus"), kMixedNodes, model::PodNetwork::Unroutable);
  EXPECT_TRUE(a.of("HN011").empty());
}

}  // namespace hn011_test
}  // namespace hybridctl::testing
