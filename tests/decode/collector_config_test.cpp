// An OpenTelemetryCollector's spec.config is read once, at decode, into the
// scrape configs the analysis judges: the same facts whether it is written
// as a mapping or as a string of YAML (v1alpha1), a string that is not YAML
// keeps its parse error, and parts of another shape than Prometheus expects
// read as absent instead of failing the file.
#include <gtest/gtest.h>

#include <string>

#include "decode/object_decoder.h"
#include "decode/yaml_reader.h"

namespace hybridctl::decode {
namespace collector_config_test {

struct DecodedCollector {
  model::Snapshot snapshot;
  Diagnostics diagnostics;
  const model::CollectorScrapeConfigs& config() const { return snapshot.otel_collectors.at(0).config; }
};

std::unique_ptr<DecodedCollector> decode_collector(const std::string& spec) {
  auto d = std::make_unique<DecodedCollector>();
  d->snapshot.files.push_back("inline.yaml");
  ObjectDecoder decoder(d->snapshot, d->diagnostics);
  static const std::string path = "inline.yaml";
  std::string yaml =
      "apiVersion: opentelemetry.io/v1beta1\nkind: OpenTelemetryCollector\n"
      "metadata: {name: adot, namespace: obs}\nspec:\n" +
      spec;
  YamlReadResult r =
      read_yaml(yaml, 0, path, [&](Value&& v, const DocumentContext& ctx) { decoder.decode_document(v, ctx); });
  EXPECT_TRUE(r.ok) << r.error;
  EXPECT_EQ(decoder.errors(), 0u);
  return d;
}

// The configuration both ways: indented under `config:` and under `config: |`.
const char* kConfig = R"y(receivers:
  prometheus/hybrid:
    config:
      scrape_configs:
      - job_name: kubernetes-pods
        kubernetes_sd_configs: [{role: pod, attach_metadata: {node: true}}, {role: endpoints}]
        relabel_configs:
        - {action: labelmap, regex: "__meta_kubernetes_pod_label_(.+)"}
        - action: Keep
          regex: hybrid
          source_labels: [__meta_kubernetes_node_label_eks_amazonaws_com_compute_type]
      - job_name: services
        kubernetes_sd_configs: [{role: service}]
        relabel_configs: []
  otlp: {protocols: {grpc: {}}}
exporters: {debug: {}}
service:
  pipelines:
    metrics: {receivers: [prometheus/hybrid], exporters: [debug]}
    traces: {receivers: [otlp], exporters: [debug]}
)y";

std::string indented(const std::string& text) {
  std::string out;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    out += "    " + text.substr(start, end - start + 1);
    start = end + 1;
  }
  return out;
}

void expect_same_scrape_configs(const model::CollectorScrapeConfigs& a, const model::CollectorScrapeConfigs& b) {
  EXPECT_EQ(a.pipeline_receivers, b.pipeline_receivers);
  ASSERT_EQ(a.scrape_configs.size(), b.scrape_configs.size());
  for (size_t i = 0; i < a.scrape_configs.size(); ++i) {
    const model::ScrapeConfig& x = a.scrape_configs[i];
    const model::ScrapeConfig& y = b.scrape_configs[i];
    EXPECT_EQ(x.receiver, y.receiver);
    EXPECT_EQ(x.index, y.index);
    EXPECT_EQ(x.job_name, y.job_name);
    EXPECT_EQ(x.kubernetes_sd_configs, y.kubernetes_sd_configs);
    EXPECT_EQ(x.relabel_configs, y.relabel_configs);
    ASSERT_EQ(x.first_relabel_config.has_value(), y.first_relabel_config.has_value());
    if (x.first_relabel_config) {
      EXPECT_EQ(to_json(*x.first_relabel_config), to_json(*y.first_relabel_config));
    }
  }
}

TEST(CollectorConfigDecode, MappingAndYamlStringGiveTheSameScrapeConfigs) {
  auto mapping = decode_collector("  config:\n" + indented(kConfig));
  auto string = decode_collector("  config: |\n" + indented(kConfig));
  EXPECT_FALSE(mapping->config().is_string);
  EXPECT_TRUE(string->config().is_string);
  EXPECT_EQ(string->config().text, kConfig) << "kept as written, for the fix's test of the old string";
  EXPECT_TRUE(string->config().parsed.is_object()) << "parsed once, for the fix to rewrite";
  EXPECT_TRUE(mapping->config().parsed.is_null()) << "a mapping is patched in place, not rewritten";
  expect_same_scrape_configs(mapping->config(), string->config());

  const model::CollectorScrapeConfigs& c = mapping->config();
  EXPECT_EQ(c.pipeline_receivers, (std::vector<std::string>{"prometheus/hybrid", "otlp"}));
  ASSERT_EQ(c.scrape_configs.size(), 2u);
  const model::ScrapeConfig& pods = c.scrape_configs[0];
  EXPECT_EQ(pods.receiver, "prometheus/hybrid");
  EXPECT_EQ(pods.index, 0u);
  EXPECT_EQ(pods.job_name, "kubernetes-pods");
  EXPECT_EQ(pods.kubernetes_sd_configs,
            (std::vector<model::KubernetesSdConfig>{{"pod", true, "true"}, {"endpoints", false, ""}}));
  ASSERT_TRUE(pods.relabel_configs.has_value());
  EXPECT_EQ(*pods.relabel_configs,
            (std::vector<model::RelabelConfig>{
                {"labelmap", {}, "__meta_kubernetes_pod_label_(.+)"},
                {"Keep", {"__meta_kubernetes_node_label_eks_amazonaws_com_compute_type"}, "hybrid"}}))
      << "copied as written: lower-casing the action is the analysis' reading of Prometheus";
  ASSERT_TRUE(pods.first_relabel_config.has_value());
  EXPECT_EQ(to_json(*pods.first_relabel_config),
            R"y({"action":"labelmap","regex":"__meta_kubernetes_pod_label_(.+)"})y");
  const model::ScrapeConfig& services = c.scrape_configs[1];
  EXPECT_EQ(services.index, 1u);
  ASSERT_TRUE(services.relabel_configs.has_value()) << "an empty list is a list";
  EXPECT_TRUE(services.relabel_configs->empty());
  EXPECT_FALSE(services.first_relabel_config.has_value());
}

TEST(CollectorConfigDecode, StringThatIsNotYamlKeepsTheParseErrorAndItsPosition) {
  auto d = decode_collector("  config: |\n    receivers:\n      prometheus: {config: [unclosed\n");
  const model::CollectorScrapeConfigs& c = d->config();
  EXPECT_TRUE(c.is_string);
  EXPECT_FALSE(c.parse_error.empty());
  EXPECT_EQ(c.parse_error_at.line, 3u) << c.parse_error;
  EXPECT_TRUE(c.scrape_configs.empty());
  EXPECT_TRUE(c.parsed.is_null());
  EXPECT_EQ(d->snapshot.otel_collectors.size(), 1u) << "the collector itself is still read";
}

TEST(CollectorConfigDecode, PartsOfAnotherShapeReadAsAbsent) {
  auto d = decode_collector(R"(  config:
    receivers:
      prometheus:
        config:
          scrape_configs:
          - not-a-mapping
          - job_name: 42
            kubernetes_sd_configs: [scalar, {role: [pod], attach_metadata: 7}, {role: pod, attach_metadata: {node: [x]}}]
            relabel_configs: [keep, {action: {a: b}, source_labels: one-label, regex: ~}]
          - kubernetes_sd_configs: {role: pod}
            relabel_configs: {action: keep}
      prometheus/none: {config: {scrape_configs: {a: b}}}
    service: {pipelines: {metrics: {receivers: [[nested], prometheus]}, logs: {receivers: prometheus}}}
)");
  const model::CollectorScrapeConfigs& c = d->config();
  EXPECT_EQ(c.pipeline_receivers, std::vector<std::string>{"prometheus"});
  ASSERT_EQ(c.scrape_configs.size(), 2u) << "the entry that is not a mapping is skipped";
  const model::ScrapeConfig& first = c.scrape_configs[0];
  EXPECT_EQ(first.index, 1u) << "indexes count every entry, as the patch's paths do";
  EXPECT_EQ(first.job_name, "42");
  EXPECT_EQ(first.kubernetes_sd_configs,
            (std::vector<model::KubernetesSdConfig>{{"", false, ""}, {"", false, ""}, {"pod", true, ""}}));
  ASSERT_TRUE(first.relabel_configs.has_value());
  EXPECT_EQ(*first.relabel_configs, (std::vector<model::RelabelConfig>{{}, {"", {}, "~"}}))
      << "a null regex is there, as written";
  ASSERT_TRUE(first.first_relabel_config.has_value());
  EXPECT_EQ(to_json(*first.first_relabel_config), R"("keep")");
  const model::ScrapeConfig& second = c.scrape_configs[1];
  EXPECT_EQ(second.index, 2u);
  EXPECT_TRUE(second.kubernetes_sd_configs.empty());
  EXPECT_FALSE(second.relabel_configs.has_value());
}

}  // namespace collector_config_test
}  // namespace hybridctl::decode
