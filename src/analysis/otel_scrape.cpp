#include "analysis/otel_scrape.h"

#include <re2/re2.h>

#include <algorithm>
#include <cctype>

#include "decode/yaml_reader.h"

namespace hybridctl::analysis {
namespace {

std::string lowercase(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

std::string_view scalar_text(const Value* v) { return v && v->is_scalar() ? std::string_view(v->text()) : ""; }

// Receiver ids referenced by service.pipelines.*.receivers: the collector
// builds only the receivers a pipeline uses.
std::vector<std::string> used_receivers(const Value& config) {
  std::vector<std::string> out;
  const Value* pipelines = config.at({"service", "pipelines"});
  if (!pipelines || !pipelines->is_object()) return out;
  for (const auto& [name, pipeline] : pipelines->members()) {
    const Value* receivers = pipeline.get("receivers");
    if (!receivers || !receivers->is_array()) continue;
    for (const Value& r : receivers->items()) {
      if (r.is_scalar() && std::find(out.begin(), out.end(), r.text()) == out.end()) out.push_back(r.text());
    }
  }
  return out;
}

// A component id is TYPE or TYPE/NAME.
bool is_prometheus_receiver(std::string_view id) { return id.substr(0, id.find('/')) == "prometheus"; }

ScrapeConfigCheck check_scrape_config(const std::string& receiver, size_t index, const Value& sc) {
  ScrapeConfigCheck c;
  c.receiver = receiver;
  c.index = index;
  c.job_name = std::string(scalar_text(sc.get("job_name")));
  const Value* sds = sc.get("kubernetes_sd_configs");
  for (size_t j = 0; sds && sds->is_array() && j < sds->items().size(); ++j) {
    const Value& sd = sds->items()[j];
    std::string role = lowercase(std::string(scalar_text(sd.get("role"))));
    if (role == "node") continue;
    if (role == "pod" || role == "endpoints" || role == "endpointslice") {
      const Value* attach = sd.get("attach_metadata");
      if (lowercase(std::string(scalar_text(attach ? attach->get("node") : nullptr))) != "true") {
        c.sd_configs_needing_node_metadata.emplace_back(j, attach && attach->is_object());
      }
      continue;
    }
    // service and ingress targets carry no node at all.
    c.node_labels_possible = false;
  }
  if (const Value* relabels = sc.get("relabel_configs"); relabels && relabels->is_array()) {
    c.has_relabel_configs = true;
    if (!relabels->items().empty()) c.first_relabel_config = relabels->items().front();
    for (const Value& r : relabels->items()) c.has_keep_rule = c.has_keep_rule || is_hybrid_keep_rule(r);
  }
  return c;
}

}  // namespace

bool is_hybrid_keep_rule(const Value& r) {
  if (!r.is_object()) return false;
  // Prometheus lower-cases the action; the default action is replace.
  if (lowercase(std::string(scalar_text(r.get("action")))) != "keep") return false;
  const Value* sources = r.get("source_labels");
  if (!sources || !sources->is_array() || sources->items().size() != 1 ||
      scalar_text(&sources->items()[0]) != kComputeTypeMetaLabel) {
    return false;
  }
  // Absent regex is Prometheus' default "(.*)", which keeps everything.
  std::string regex = r.get("regex") ? std::string(scalar_text(r.get("regex"))) : "(.*)";
  RE2 anchored("^(?:" + regex + ")$", RE2::Quiet);
  if (!anchored.ok()) return false;
  return RE2::FullMatch("hybrid", anchored) && !RE2::FullMatch("", anchored);
}

CollectorScrapes analyse_collector_scrapes(const model::OpenTelemetryCollector& collector) {
  CollectorScrapes out;
  if (collector.config.is_string()) {
    out.config_is_string = true;
    out.config_text = collector.config.text();
    static const std::string path = "spec.config";
    bool got = false;
    auto result = decode::read_yaml(out.config_text, 0, path, [&](Value&& v, const decode::DocumentContext&) {
      if (!got) out.config = std::move(v);
      got = true;
    });
    if (!result.ok) {
      out.parse_error = result.error;
      return out;
    }
  } else {
    out.config = collector.config;
  }
  if (!out.config.is_object()) return out;
  const Value* receivers = out.config.get("receivers");
  if (!receivers || !receivers->is_object()) return out;
  std::vector<std::string> used = used_receivers(out.config);
  for (const auto& [id, receiver] : receivers->members()) {
    if (!is_prometheus_receiver(id) || std::find(used.begin(), used.end(), id) == used.end()) continue;
    const Value* scs = receiver.at({"config", "scrape_configs"});
    if (!scs || !scs->is_array()) continue;
    for (size_t i = 0; i < scs->items().size(); ++i) {
      const Value& sc = scs->items()[i];
      const Value* sds = sc.get("kubernetes_sd_configs");
      if (!sc.is_object() || !sds || !sds->is_array() || sds->items().empty()) continue;
      // Node discovery targets node addresses (kubelets, node exporters), which remoteNodeNetworks
      // makes routable: only configs that discover pods, endpoints, Services or Ingresses reach the
      // pod network.
      bool pod_network = false;
      for (const Value& sd : sds->items())
        pod_network = pod_network || lowercase(std::string(scalar_text(sd.get("role")))) != "node";
      if (!pod_network) continue;
      out.scrape_configs.push_back(check_scrape_config(id, i, sc));
    }
  }
  return out;
}

}  // namespace hybridctl::analysis
