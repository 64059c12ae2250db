#include "fix/otel_scrape_fix.h"

#include "core/json_writer.h"
#include "fix/json_pointer.h"

namespace hybridctl::fix {
namespace {

Value str(std::string s) { return Value::scalar(Value::Kind::String, std::move(s), 0); }

Value node_metadata() {
  Value v = Value::object(0);
  v.add_member("node", Value::scalar(Value::Kind::Bool, "true", 0));
  return v;
}

Value* member(Value& v, std::string_view key) {
  for (auto& [k, m] : v.members()) {
    if (k == key) return &m;
  }
  return nullptr;
}

// Applies the checks' edits to a copy of the configuration (string configs).
void rewrite(Value& config, const analysis::CollectorScrapes& scrapes) {
  for (const analysis::ScrapeConfigCheck& c : scrapes.scrape_configs) {
    if (!c.node_labels_possible || c.compliant()) continue;
    Value* receivers = member(config, "receivers");
    Value* receiver = receivers ? member(*receivers, c.receiver) : nullptr;
    Value* cfg = receiver ? member(*receiver, "config") : nullptr;
    Value* scs = cfg ? member(*cfg, "scrape_configs") : nullptr;
    if (!scs || c.index >= scs->items().size()) continue;
    Value& sc = scs->items()[c.index];
    if (!c.has_keep_rule) {
      Value* relabels = member(sc, "relabel_configs");
      if (relabels) {
        relabels->items().insert(relabels->items().begin(), hybrid_keep_rule());
      } else {
        Value list = Value::array(0);
        list.add_item(hybrid_keep_rule());
        sc.add_member("relabel_configs", std::move(list));
      }
    }
    Value* sds = member(sc, "kubernetes_sd_configs");
    for (const auto& [j, attach_present] : c.sd_configs_needing_node_metadata) {
      Value& sd = sds->items()[j];
      if (Value* attach = attach_present ? member(sd, "attach_metadata") : nullptr) {
        if (Value* node = member(*attach, "node"))
          *node = Value::scalar(Value::Kind::Bool, "true", 0);
        else
          attach->add_member("node", Value::scalar(Value::Kind::Bool, "true", 0));
      } else {
        sd.add_member("attach_metadata", node_metadata());
      }
    }
  }
}

void op(JsonWriter& w, std::string_view kind, const std::string& path, const std::string& value_json) {
  w.begin_object().key("op").string(kind).key("path").string(path).key("value").raw(value_json).end_object();
}

// Operations on an object-valued spec.config. Inserting the rule at the head
// of an existing list is guarded by a test of the old head, so a second run
// fails instead of inserting it twice; the other operations are adds whose
// repetition rewrites the same value.
void config_ops(JsonWriter& w, const analysis::CollectorScrapes& scrapes) {
  for (const analysis::ScrapeConfigCheck& c : scrapes.scrape_configs) {
    if (!c.node_labels_possible || c.compliant()) continue;
    std::string base = "/spec/config/receivers/" + json_pointer_token(c.receiver) + "/config/scrape_configs/" +
                       std::to_string(c.index);
    if (!c.job_name.empty()) op(w, "test", base + "/job_name", to_json(str(c.job_name)));
    if (!c.has_keep_rule) {
      if (c.first_relabel_config) {
        op(w, "test", base + "/relabel_configs/0", to_json(*c.first_relabel_config));
        op(w, "add", base + "/relabel_configs/0", to_json(hybrid_keep_rule()));
      } else if (c.has_relabel_configs) {
        op(w, "add", base + "/relabel_configs/-", to_json(hybrid_keep_rule()));
      } else {
        op(w, "test", base + "/relabel_configs", "null");  // still absent
        op(w, "add", base + "/relabel_configs", "[" + to_json(hybrid_keep_rule()) + "]");
      }
    }
    for (const auto& [j, attach_present] : c.sd_configs_needing_node_metadata) {
      std::string sd = base + "/kubernetes_sd_configs/" + std::to_string(j) + "/attach_metadata";
      if (attach_present) {
        op(w, "add", sd + "/node", "true");  // the flag is what this patch sets, whatever it was
      } else {
        op(w, "test", sd, "null");  // still absent
        op(w, "add", sd, to_json(node_metadata()));
      }
    }
  }
}

}  // namespace

Value hybrid_keep_rule() {
  Value rule = Value::object(0);
  rule.add_member("action", str("keep"));
  rule.add_member("regex", str("hybrid"));
  Value sources = Value::array(0);
  sources.add_item(str(analysis::kComputeTypeMetaLabel));
  rule.add_member("source_labels", std::move(sources));
  return rule;
}

std::string scrape_keep_rule_patch(const analysis::CollectorScrapes& scrapes) {
  JsonWriter w;
  w.begin_array();
  bool edits = false;
  for (const analysis::ScrapeConfigCheck& c : scrapes.scrape_configs)
    edits = edits || (c.node_labels_possible && !c.compliant());
  if (edits && scrapes.config_is_string) {
    Value rewritten = scrapes.config;
    rewrite(rewritten, scrapes);
    op(w, "test", "/spec/config", to_json(str(scrapes.config_text)));
    op(w, "replace", "/spec/config", to_json(str(to_json(rewritten))));
  } else if (edits) {
    config_ops(w, scrapes);
  }
  w.end_array();
  return w.take();
}

}  // namespace hybridctl::fix
