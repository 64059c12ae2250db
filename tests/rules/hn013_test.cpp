// HN013: ADOT / OpenTelemetry collectors scraping Prometheus targets must run
// on hybrid nodes and keep only hybrid targets when hybrid pods are not routable.
#include <gtest/gtest.h>

#include "rules/kubectl_patch_support.h"
#include "rules/rule_test_support.h"

namespace hybridctl::testing {
namespace hn013_test {

const char* kPinned = R"(  affinity:
    nodeAffinity:
      requiredDuringSchedulingIgnoredDuringExecution:
        nodeSelectorTerms:
        - matchExpressions:
          - {key: eks.amazonaws.com/compute-type, operator: In, values: [hybrid]}
)";

const char* kDocumentKeepRule = R"(            relabel_configs:
            - action: keep
              regex: hybrid
              source_labels: [__meta_kubernetes_node_label_eks_amazonaws_com_compute_type]
)";

std::string collector(const std::string& spec_extra, const std::string& role, const std::string& sd_extra,
                      const std::string& relabels, const std::string& pipeline_receiver = "prometheus") {
  return R"(apiVersion: opentelemetry.io/v1beta1
kind: OpenTelemetryCollector
metadata: {name: adot-hybrid, namespace: observability}
spec:
  mode: deployment
)" + spec_extra +
         R"(  config:
    receivers:
      prometheus:
        config:
          scrape_configs:
          - job_name: pods
            kubernetes_sd_configs:
            - role: )" +
         role + "\n" + sd_extra + relabels + R"(    exporters:
      debug: {}
    service:
      pipelines:
        metrics: {receivers: [)" +
         pipeline_receiver + R"(], exporters: [debug]}
)";
}

const char* kAttachNode = "              attach_metadata: {node: true}\n";

TEST(RuleHN013, UnpinnedCollectorWithoutKeepRuleWarns) {
  Audit a;
  run_audit(a, collector("", "pod", "", ""), kMixedNodes, model::PodNetwork::Unroutable);
  auto f = a.of("HN013");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0]->severity, rules::Severity::Warning);
  EXPECT_NE(f[0]->message.find("not pinned"), std::string::npos);
  EXPECT_NE(f[0]->message.find("lacks the hybrid keep rule"), std::string::npos);
  EXPECT_NE(f[0]->message.find("attach_metadata"), std::string::npos);
}

TEST(RuleHN013, DocumentConfigurationIsCompliant) {
  Audit a;
  run_audit(a, collector(kPinned, "pod", kAttachNode, kDocumentKeepRule), kMixedNodes, model::PodNetwork::Unroutable);
  EXPECT_TRUE(a.of("HN013").empty());
}

TEST(RuleHN013, PodRoleWithoutAttachMetadataFiresEvenWithTheKeepRule) {
  // Without node metadata the label is empty on every pod target: the keep rule drops everything.
  Audit a;
  run_audit(a, collector(kPinned, "pod", "", kDocumentKeepRule), kMixedNodes, model::PodNetwork::Unroutable);
  auto f = a.of("HN013");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0]->message.find("not pinned"), std::string::npos);
}

TEST(RuleHN013, TheFixNoteOfACollectorAlreadyOnHybridNodesDoesNotClaimToPinIt) {
  Audit pinned;
  run_audit(pinned, collector(kPinned, "pod", kAttachNode, ""), kMixedNodes, model::PodNetwork::Unroutable);
  ASSERT_EQ(pinned.of("HN013").size(), 1u);
  EXPECT_TRUE(pinned.of("HN013")[0]->fix_note.starts_with("Adds the document's keep rule"))
      << pinned.of("HN013")[0]->fix_note;
  Audit unpinned;
  run_audit(unpinned, collector("", "pod", kAttachNode, ""), kMixedNodes, model::PodNetwork::Unroutable);
  ASSERT_EQ(unpinned.of("HN013").size(), 1u);
  EXPECT_TRUE(unpinned.of("HN013")[0]->fix_note.starts_with("Pins the collector to hybrid nodes and adds"))
      << unpinned.of("HN013")[0]->fix_note;
}

TEST(RuleHN013, PinnedByNodeSelectorCounts) {
  Audit a;
  run_audit(a,
            collector("  nodeSelector: {eks.amazonaws.com/compute-type: hybrid}\n", "endpoints", kAttachNode,
                      kDocumentKeepRule),
            kMixedNodes, model::PodNetwork::Unroutable);
  EXPECT_TRUE(a.of("HN013").empty());
}

TEST(RuleHN013, NodeRoleTargetsNodeAddressesAndIsNotChecked) {
  // upstream targetallocator-kubernetessd: kubelets are reached at node IPs (remoteNodeNetworks).
  Audit a;
  run_audit(a, collector("", "node", "", ""), kMixedNodes, model::PodNetwork::Unroutable);
  EXPECT_TRUE(a.of("HN013").empty());
}

TEST(RuleHN013, ReceiverOutsideEveryPipelineIsNotRunning) {
  Audit a;
  run_audit(a, collector("", "pod", "", "", "otlp"), kMixedNodes, model::PodNetwork::Unroutable);
  EXPECT_TRUE(a.of("HN013").empty());
}

TEST(RuleHN013, RoutablePodNetworkIsCompliant) {
  Audit a;
  run_audit(a, collector("", "pod", "", ""), kMixedNodes, model::PodNetwork::Routable);
  EXPECT_TRUE(a.of("HN013").empty());
}

TEST(RuleHN013, UnknownRoutabilityIsInfo) {
  Audit a;
  run_audit(a, collector("", "pod", "", ""), kMixedNodes, std::nullopt);
  ASSERT_EQ(a.of("HN013").size(), 1u);
  EXPECT_EQ(a.of("HN013")[0]->severity, rules::Severity::Info);
}

TEST(RuleHN013, PatchClearsTheFindingAndItsGuardFailsTheSecondTime) {
  if (!kubectl_available()) GTEST_SKIP() << "kubectl not installed";
  // An existing relabel rule: the keep rule goes first, guarded by a test of the old head.
  std::string relabel =
      "            relabel_configs:\n            - {action: labelmap, regex: "
      "__meta_kubernetes_pod_label_(.+)}\n";
  std::string before_yaml = collector("", "pod", "", relabel);
  Audit before;
  run_audit(before, before_yaml, kMixedNodes, model::PodNetwork::Unroutable);
  std::string patch = first_json_patch(*before.of("HN013").at(0));
  PatchOutcome once = kubectl_patch_local(before_yaml, patch);
  ASSERT_TRUE(once.applied) << once.error << "\npatch: " << patch;
  Audit after;
  run_audit(after, once.yaml, kMixedNodes, model::PodNetwork::Unroutable);
  EXPECT_TRUE(after.of("HN013").empty()) << once.yaml;
  EXPECT_FALSE(kubectl_patch_local(once.yaml, patch).applied) << "the keep rule must not be inserted twice";
}

TEST(RuleHN013, PatchWithoutRelabelConfigsIsANoOpTheSecondTime) {
  if (!kubectl_available()) GTEST_SKIP() << "kubectl not installed";
  std::string before_yaml = collector("", "endpoints", "", "");
  Audit before;
  run_audit(before, before_yaml, kMixedNodes, model::PodNetwork::Unroutable);
  std::string patch = first_json_patch(*before.of("HN013").at(0));
  PatchOutcome once = kubectl_patch_local(before_yaml, patch);
  ASSERT_TRUE(once.applied) << once.error << "\npatch: " << patch;
  Audit after;
  run_audit(after, once.yaml, kMixedNodes, model::PodNetwork::Unroutable);
  EXPECT_TRUE(after.of("HN013").empty()) << once.yaml;
  // relabel_configs is now present: its absence guard fails, nothing changes twice.
  EXPECT_FALSE(kubectl_patch_local(once.yaml, patch).applied);
}

const char* kStringConfigCollector = R"(apiVersion: opentelemetry.io/v1alpha1
kind: OpenTelemetryCollector
metadata: {name: adot, namespace: observability}
spec:
  mode: deployment
  config: |
    receivers:
      prometheus/hybrid:
        config:
          scrape_configs:
          - job_name: kubernetes-pods
            kubernetes_sd_configs:
            - role: pod
    exporters:
      prometheusremotewrite:
        endpoint: https://aps-workspaces.us-west-2.amazonaws.com/workspaces/ws-1/api/v1/remote_write
    service:
      pipelines:
        metrics:
          receivers: [prometheus/hybrid]
          exporters: [prometheusremotewrite]
)";

TEST(RuleHN013, StringConfigIsParsedAndReplacedByTheRewrittenConfiguration) {
  Audit a;
  run_audit(a, kStringConfigCollector, kMixedNodes, model::PodNetwork::Unroutable);
  auto f = a.of("HN013");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_NE(f[0]->message.find("prometheus/hybrid scrape config 'kubernetes-pods'"), std::string::npos);
  if (!kubectl_available()) GTEST_SKIP() << "kubectl not installed";
  std::string patch = first_json_patch(*f[0]);
  EXPECT_NE(patch.find(R"({"op":"test","path":"/spec/config")"), std::string::npos) << patch;
  PatchOutcome once = kubectl_patch_local(kStringConfigCollector, patch);
  ASSERT_TRUE(once.applied) << once.error;
  Audit after;
  run_audit(after, once.yaml, kMixedNodes, model::PodNetwork::Unroutable);
  EXPECT_TRUE(after.of("HN013").empty()) << once.yaml;
  ASSERT_EQ(after.snapshot.otel_collectors.size(), 1u);
  EXPECT_TRUE(after.snapshot.otel_collectors[0].config.is_string) << "still a string, as the user wrote it";
  EXPECT_FALSE(kubectl_patch_local(once.yaml, patch).applied) << "the test of the old string fails";
}

TEST(RuleHN013, StringConfigThatIsNotYamlIsReportedWithItsPositionInTheString) {
  // The file is not failed (the collector is read), but the collector is not
  // passed over in silence either: nothing in its configuration was checked.
  std::string bad = kStringConfigCollector;
  bad.replace(bad.find("scrape_configs:"), std::string("scrape_configs:").size(), "scrape_configs: [unclosed");
  Audit a;
  run_audit(a, bad, kMixedNodes, model::PodNetwork::Unroutable);
  ASSERT_EQ(a.snapshot.otel_collectors.size(), 1u);
  const model::CollectorScrapeConfigs& config = a.snapshot.otel_collectors[0].config;
  ASSERT_FALSE(config.parse_error.empty());
  ASSERT_EQ(a.of("HN013").size(), 1u);
  const rules::Finding& f = *a.of("HN013")[0];
  EXPECT_EQ(f.severity, rules::Severity::Info);
  EXPECT_NE(f.message.find("is a string that is not YAML (line " + std::to_string(config.parse_error_at.line) +
                           ", column " + std::to_string(config.parse_error_at.column)),
            std::string::npos)
      << f.message;
  EXPECT_NE(f.message.find(config.parse_error), std::string::npos) << f.message;
  EXPECT_TRUE(f.fixes.empty());
}

}  // namespace hn013_test
}  // namespace hybridctl::testing
