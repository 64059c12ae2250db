// What an OpenTelemetryCollector's spec.config says about Prometheus
// scraping, as decode read it once: the scrape configs of its receivers, the
// receivers its pipelines use, and what the keep-rule fix needs to guard its
// patch. Copies of what the object says; whether a scrape config keeps only
// hybrid targets is analysis/otel_scrape's judgement.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "core/line_counter.h"
#include "core/value.h"

namespace hybridctl::model {

// One relabel_configs entry, the fields the hybrid keep rule is judged on. An
// entry that is not a mapping reads as one that says nothing.
struct RelabelConfig {
  std::string action;                      // as written; "" when absent or not a scalar
  std::vector<std::string> source_labels;  // the list's items ("" for a non-scalar); empty when not a list
  std::optional<std::string> regex;        // nullopt when absent: Prometheus' default applies
  bool operator==(const RelabelConfig&) const = default;
};

// One kubernetes_sd_configs entry. An entry that is not a mapping reads as
// one without a role.
struct KubernetesSdConfig {
  std::string role;                  // as written; "" when absent or not a scalar
  bool has_attach_metadata = false;  // attach_metadata is a mapping
  std::string attach_metadata_node;  // attach_metadata.node as written; "" when absent or not a scalar
  bool operator==(const KubernetesSdConfig&) const = default;
};

// One mapping entry of receivers.ID.config.scrape_configs.
struct ScrapeConfig {
  std::string receiver;                                       // receiver id, e.g. "prometheus" or "prometheus/hybrid"
  size_t index = 0;                                           // position in its scrape_configs
  std::string job_name;                                       // as written; "" when absent or not a scalar
  std::vector<KubernetesSdConfig> kubernetes_sd_configs;      // empty when absent or not a list
  std::optional<std::vector<RelabelConfig>> relabel_configs;  // nullopt when absent or not a list
  // The first relabel_configs entry verbatim: the fix tests it before
  // inserting the keep rule ahead of it.
  std::optional<Value> first_relabel_config;
};

struct CollectorScrapeConfigs {
  // spec.config is a string of YAML (the v1alpha1 form) rather than a mapping.
  bool is_string = false;
  std::string text;  // the string as written, which the fix's patch tests
  Value parsed;      // its first document, which the fix rewrites (a string config only)
  // Set when the string is not YAML; nothing else is read then.
  std::string parse_error;
  LineCol parse_error_at;  // in the string
  // Receiver ids in service.pipelines.*.receivers, in order: the collector
  // builds only the receivers a pipeline uses.
  std::vector<std::string> pipeline_receivers;
  // Every scrape config of every receiver with config.scrape_configs, in
  // the order of the receivers mapping.
  std::vector<ScrapeConfig> scrape_configs;
};

}  // namespace hybridctl::model
