// What an OpenTelemetryCollector scrapes with its Prometheus receivers, and
// whether each scrape config keeps only targets on hybrid nodes (the source
// document's relabel rule), as Prometheus evaluates it. Judged from the
// scrape configs decode read (model/collector_scrape_configs.h).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/value.h"
#include "model/cluster_objects.h"

namespace hybridctl::analysis {

inline constexpr const char* kComputeTypeMetaLabel = "__meta_kubernetes_node_label_eks_amazonaws_com_compute_type";

// One kubernetes_sd_configs scrape config of a Prometheus receiver.
struct ScrapeConfigCheck {
  std::string receiver;  // receiver id, e.g. "prometheus" or "prometheus/hybrid"
  size_t index = 0;      // position in its scrape_configs
  std::string job_name;
  // Node labels exist for every service discovery config (role node, or
  // pod/endpoints/endpointslice with attach_metadata.node): the keep rule can work.
  bool node_labels_possible = true;
  bool has_keep_rule = false;
  bool has_relabel_configs = false;
  std::optional<Value> first_relabel_config;  // for the fix's guard
  // kubernetes_sd_configs entries (index, attach_metadata present) that need attach_metadata.node:
  // true.
  std::vector<std::pair<size_t, bool>> sd_configs_needing_node_metadata;

  bool compliant() const { return has_keep_rule && sd_configs_needing_node_metadata.empty(); }
};

struct CollectorScrapes {
  bool config_is_string = false;
  std::string config_text;  // the original string, when config_is_string
  Value config;             // the parsed string configuration, which the fix rewrites
  // Every kubernetes_sd scrape config of the Prometheus receivers used in a
  // pipeline that discovers more than nodes (pods, endpoints, Services, Ingresses).
  std::vector<ScrapeConfigCheck> scrape_configs;
};

CollectorScrapes analyse_collector_scrapes(const model::OpenTelemetryCollector& collector);

// True for `action: keep` on source_labels [compute-type node label] whose
// regex (fully anchored, as Prometheus compiles it) matches "hybrid" and
// not "" (a keep that also matches nodes without the label keeps everything).
bool is_hybrid_keep_rule(const model::RelabelConfig& relabel_config);

}  // namespace hybridctl::analysis
