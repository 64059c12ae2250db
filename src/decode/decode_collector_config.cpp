#include "decode/decode_collector_config.h"

#include "decode/yaml_reader.h"

namespace hybridctl::decode {
namespace {

// Lenient accessors: a part of the configuration of another shape than
// Prometheus expects reads as absent.
std::string scalar_text(const Value* v) { return v && v->is_scalar() ? v->text() : std::string(); }

const Value* member(const Value* v, std::string_view key) { return v && v->is_object() ? v->get(key) : nullptr; }

const std::vector<Value>* list(const Value* v) { return v && v->is_array() ? &v->items() : nullptr; }

const std::vector<Value>& items_of(const Value* v) {
  static const std::vector<Value> none;
  return v && v->is_array() ? v->items() : none;
}

const std::vector<Value::Member>& members_of(const Value* v) {
  static const std::vector<Value::Member> none;
  return v && v->is_object() ? v->members() : none;
}

model::RelabelConfig read_relabel_config(const Value& r) {
  model::RelabelConfig out;
  out.action = scalar_text(member(&r, "action"));
  for (const Value& s : items_of(member(&r, "source_labels"))) out.source_labels.push_back(scalar_text(&s));
  if (const Value* regex = member(&r, "regex")) out.regex = scalar_text(regex);
  return out;
}

model::KubernetesSdConfig read_sd_config(const Value& sd) {
  model::KubernetesSdConfig out;
  out.role = scalar_text(member(&sd, "role"));
  const Value* attach = member(&sd, "attach_metadata");
  out.has_attach_metadata = attach && attach->is_object();
  out.attach_metadata_node = scalar_text(member(attach, "node"));
  return out;
}

model::ScrapeConfig read_scrape_config(const std::string& receiver, size_t index, const Value& sc) {
  model::ScrapeConfig out;
  out.receiver = receiver;
  out.index = index;
  out.job_name = scalar_text(sc.get("job_name"));
  for (const Value& sd : items_of(sc.get("kubernetes_sd_configs")))
    out.kubernetes_sd_configs.push_back(read_sd_config(sd));
  if (const auto* relabels = list(sc.get("relabel_configs"))) {
    out.relabel_configs.emplace();
    for (const Value& r : *relabels) out.relabel_configs->push_back(read_relabel_config(r));
    if (!relabels->empty()) out.first_relabel_config = relabels->front();
  }
  return out;
}

void read_scrape_facts(const Value& config, model::CollectorScrapeConfigs& out) {
  for (const auto& [name, pipeline] : members_of(member(member(&config, "service"), "pipelines"))) {
    for (const Value& r : items_of(member(&pipeline, "receivers"))) {
      if (r.is_scalar()) out.pipeline_receivers.push_back(r.text());
    }
  }
  for (const auto& [id, receiver] : members_of(member(&config, "receivers"))) {
    const std::vector<Value>& scrape_configs = items_of(member(member(&receiver, "config"), "scrape_configs"));
    for (size_t i = 0; i < scrape_configs.size(); ++i) {
      if (scrape_configs[i].is_object()) out.scrape_configs.push_back(read_scrape_config(id, i, scrape_configs[i]));
    }
  }
}

}  // namespace

model::CollectorScrapeConfigs decode_collector_config(const Value* config) {
  model::CollectorScrapeConfigs out;
  if (!config) return out;
  if (!config->is_string()) {
    read_scrape_facts(*config, out);
    return out;
  }
  out.is_string = true;
  out.text = config->text();
  static const std::string path = "spec.config";
  bool got = false;
  YamlReadResult result = read_yaml(out.text, 0, path, [&](Value&& v, const DocumentContext&) {
    if (!got) out.parsed = std::move(v);  // the collector reads one document
    got = true;
  });
  if (!result.ok) {
    out.parse_error = result.error;
    out.parse_error_at = result.error_at;
    out.parsed = Value();  // a document read before the error is not the configuration
    return out;
  }
  read_scrape_facts(out.parsed, out);
  return out;
}

}  // namespace hybridctl::decode
