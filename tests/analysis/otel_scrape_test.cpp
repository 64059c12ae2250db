// analysis/otel_scrape judges the scrape configs decode read: which ones
// reach the pod network, whether each keeps only hybrid targets as
// Prometheus evaluates the keep rule, and where pod and endpoints discovery
// lack the node metadata the rule reads.
#include "analysis/otel_scrape.h"

#include <gtest/gtest.h>

namespace hybridctl::analysis {
namespace otel_scrape_test {

const std::string kLabel = kComputeTypeMetaLabel;

model::RelabelConfig keep(std::optional<std::string> regex, std::string action = "keep") {
  return {std::move(action), {kLabel}, std::move(regex)};
}

TEST(HybridKeepRule, DocumentRuleMatches) { EXPECT_TRUE(is_hybrid_keep_rule(keep("hybrid"))); }

TEST(HybridKeepRule, ActionIsCaseInsensitiveAsPrometheusLowercasesIt) {
  EXPECT_TRUE(is_hybrid_keep_rule(keep("hybrid", "Keep")));
}

TEST(HybridKeepRule, RegexIsFullyAnchored) {
  // Prometheus compiles ^(?:regex)$: "hyb" does not match "hybrid", "hy.*" does.
  EXPECT_FALSE(is_hybrid_keep_rule(keep("hyb")));
  EXPECT_TRUE(is_hybrid_keep_rule(keep("hy.*")));
}

TEST(HybridKeepRule, DefaultRegexKeepsEverythingSoItIsNoFilter) {
  EXPECT_FALSE(is_hybrid_keep_rule(keep(std::nullopt)));
}

TEST(HybridKeepRule, RegexAlsoMatchingNodesWithoutTheLabelIsNoFilter) {
  EXPECT_FALSE(is_hybrid_keep_rule(keep("hybrid|")));
  EXPECT_FALSE(is_hybrid_keep_rule(keep("hyb(rid"))) << "a regex Prometheus would refuse";
}

TEST(HybridKeepRule, DropActionOrOtherLabelIsNotTheRule) {
  EXPECT_FALSE(is_hybrid_keep_rule(keep("hybrid", "drop")));
  EXPECT_FALSE(is_hybrid_keep_rule({"keep", {"__meta_kubernetes_pod_label_compute_type"}, "hybrid"}));
  EXPECT_FALSE(is_hybrid_keep_rule({"keep", {kLabel, "job"}, "hybrid"})) << "joined with ';', never plain 'hybrid'";
  EXPECT_FALSE(is_hybrid_keep_rule({})) << "the default action is replace";
}

model::ScrapeConfig scrape(std::string receiver, std::vector<model::KubernetesSdConfig> sds,
                           std::optional<std::vector<model::RelabelConfig>> relabels = std::nullopt) {
  model::ScrapeConfig sc;
  sc.receiver = std::move(receiver);
  sc.job_name = "job";
  sc.kubernetes_sd_configs = std::move(sds);
  sc.relabel_configs = std::move(relabels);
  return sc;
}

model::OpenTelemetryCollector collector(std::vector<model::ScrapeConfig> scs,
                                        std::vector<std::string> used = {"prometheus"}) {
  model::OpenTelemetryCollector c;
  c.config.pipeline_receivers = std::move(used);
  c.config.scrape_configs = std::move(scs);
  return c;
}

TEST(CollectorScrapes, OnlyPrometheusReceiversAPipelineUsesAreChecked) {
  model::KubernetesSdConfig pod{"pod", false, ""};
  auto c = collector({scrape("prometheus", {pod}), scrape("prometheus/unused", {pod}),
                      scrape("prometheus_simple", {pod}), scrape("otlp", {pod})},
                     {"prometheus", "prometheus_simple", "otlp"});
  CollectorScrapes s = analyse_collector_scrapes(c);
  ASSERT_EQ(s.scrape_configs.size(), 1u);
  EXPECT_EQ(s.scrape_configs[0].receiver, "prometheus");
}

TEST(CollectorScrapes, NodeDiscoveryAloneTargetsNodeAddressesAndIsNotChecked) {
  auto c = collector({scrape("prometheus", {{"Node", false, ""}}), scrape("prometheus", {})});
  EXPECT_TRUE(analyse_collector_scrapes(c).scrape_configs.empty());
}

TEST(CollectorScrapes, PodAndEndpointsDiscoveryNeedAttachMetadataNode) {
  auto c = collector(
      {scrape("prometheus",
              {{"node", false, ""}, {"pod", true, "TRUE"}, {"endpoints", true, "false"}, {"EndpointSlice", false, ""}},
              std::vector<model::RelabelConfig>{keep("hybrid")})});
  CollectorScrapes s = analyse_collector_scrapes(c);
  ASSERT_EQ(s.scrape_configs.size(), 1u);
  const ScrapeConfigCheck& check = s.scrape_configs[0];
  EXPECT_TRUE(check.node_labels_possible);
  EXPECT_TRUE(check.has_keep_rule);
  EXPECT_EQ(check.sd_configs_needing_node_metadata, (std::vector<std::pair<size_t, bool>>{{2, true}, {3, false}}))
      << "index and whether attach_metadata is there to add node to";
  EXPECT_FALSE(check.compliant());
}

TEST(CollectorScrapes, ServiceAndIngressTargetsCarryNoNodeLabels) {
  auto c = collector({scrape("prometheus", {{"service", false, ""}}), scrape("prometheus", {{"ingress", false, ""}})});
  CollectorScrapes s = analyse_collector_scrapes(c);
  ASSERT_EQ(s.scrape_configs.size(), 2u);
  EXPECT_FALSE(s.scrape_configs[0].node_labels_possible);
  EXPECT_FALSE(s.scrape_configs[1].node_labels_possible);
}

TEST(CollectorScrapes, AnyHybridKeepRuleAmongTheRelabelConfigsCounts) {
  model::RelabelConfig labelmap{"labelmap", {}, "__meta_kubernetes_pod_label_(.+)"};
  auto sc = scrape("prometheus", {{"pod", true, "true"}}, std::vector<model::RelabelConfig>{labelmap, keep("hybrid")});
  sc.first_relabel_config = Value::object(0);
  CollectorScrapes s = analyse_collector_scrapes(collector({sc}));
  ASSERT_EQ(s.scrape_configs.size(), 1u);
  EXPECT_TRUE(s.scrape_configs[0].has_relabel_configs);
  EXPECT_TRUE(s.scrape_configs[0].first_relabel_config.has_value()) << "handed on for the fix's guard";
  EXPECT_TRUE(s.scrape_configs[0].compliant());
}

TEST(CollectorScrapes, StringConfigHandsTheFixItsTextAndParsedForm) {
  model::OpenTelemetryCollector c = collector({scrape("prometheus", {{"pod", false, ""}})});
  c.config.is_string = true;
  c.config.text = "receivers: {}";
  c.config.parsed = Value::object(0);
  CollectorScrapes s = analyse_collector_scrapes(c);
  EXPECT_TRUE(s.config_is_string);
  EXPECT_EQ(s.config_text, "receivers: {}");
  EXPECT_TRUE(s.config.is_object());
  EXPECT_FALSE(s.scrape_configs[0].has_relabel_configs);
}

TEST(CollectorScrapes, AnUnreadableStringConfigHasNothingToCheck) {
  model::OpenTelemetryCollector c;
  c.config.is_string = true;
  c.config.parse_error = "did not find expected ',' or ']'";
  CollectorScrapes s = analyse_collector_scrapes(c);
  EXPECT_TRUE(s.scrape_configs.empty());
}

}  // namespace otel_scrape_test
}  // namespace hybridctl::analysis
