#include "analysis/otel_scrape.h"

#include <re2/re2.h>

#include <algorithm>
#include <cctype>

namespace hybridctl::analysis {
namespace {

std::string lowercase(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

// A component id is TYPE or TYPE/NAME.
bool is_prometheus_receiver(std::string_view id) { return id.substr(0, id.find('/')) == "prometheus"; }

ScrapeConfigCheck check_scrape_config(const model::ScrapeConfig& sc) {
  ScrapeConfigCheck c;
  c.receiver = sc.receiver;
  c.index = sc.index;
  c.job_name = sc.job_name;
  for (size_t j = 0; j < sc.kubernetes_sd_configs.size(); ++j) {
    const model::KubernetesSdConfig& sd = sc.kubernetes_sd_configs[j];
    std::string role = lowercase(sd.role);
    if (role == "node") continue;
    if (role == "pod" || role == "endpoints" || role == "endpointslice") {
      if (lowercase(sd.attach_metadata_node) != "true") {
        c.sd_configs_needing_node_metadata.emplace_back(j, sd.has_attach_metadata);
      }
      continue;
    }
    // service and ingress targets carry no node at all.
    c.node_labels_possible = false;
  }
  if (sc.relabel_configs) {
    c.has_relabel_configs = true;
    c.first_relabel_config = sc.first_relabel_config;
    for (const model::RelabelConfig& r : *sc.relabel_configs)
      c.has_keep_rule = c.has_keep_rule || is_hybrid_keep_rule(r);
  }
  return c;
}

}  // namespace

bool is_hybrid_keep_rule(const model::RelabelConfig& r) {
  // Prometheus lower-cases the action; the default action is replace.
  if (lowercase(r.action) != "keep") return false;
  if (r.source_labels.size() != 1 || r.source_labels[0] != kComputeTypeMetaLabel) return false;
  // Absent regex is Prometheus' default "(.*)", which keeps everything.
  std::string regex = r.regex.value_or("(.*)");
  RE2 anchored("^(?:" + regex + ")$", RE2::Quiet);
  if (!anchored.ok()) return false;
  return RE2::FullMatch("hybrid", anchored) && !RE2::FullMatch("", anchored);
}

CollectorScrapes analyse_collector_scrapes(const model::OpenTelemetryCollector& collector) {
  const model::CollectorScrapeConfigs& config = collector.config;
  CollectorScrapes out;
  out.config_is_string = config.is_string;
  if (config.is_string) {
    out.config_text = config.text;
    out.config = config.parsed;
  }
  for (const model::ScrapeConfig& sc : config.scrape_configs) {
    if (!is_prometheus_receiver(sc.receiver)) continue;
    const auto& used = config.pipeline_receivers;
    if (std::find(used.begin(), used.end(), sc.receiver) == used.end()) continue;
    // Node discovery targets node addresses (kubelets, node exporters), which remoteNodeNetworks
    // makes routable: only configs that discover pods, endpoints, Services or Ingresses reach the
    // pod network.
    bool pod_network = std::any_of(sc.kubernetes_sd_configs.begin(), sc.kubernetes_sd_configs.end(),
                                   [](const model::KubernetesSdConfig& sd) { return lowercase(sd.role) != "node"; });
    if (!pod_network) continue;
    out.scrape_configs.push_back(check_scrape_config(sc));
  }
  return out;
}

}  // namespace hybridctl::analysis
