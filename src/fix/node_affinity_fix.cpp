#include "fix/node_affinity_fix.h"

namespace hybridctl::fix {
namespace {

bool same(const model::Requirement& a, const model::Requirement& b) {
  return a.key == b.key && a.op == b.op && a.values == b.values;
}

void write_requirement(JsonWriter& w, const model::Requirement& r) {
  w.begin_object().key("key").string(r.key).key("operator").string(r.op);
  if (!r.values.empty()) {
    w.key("values").begin_array();
    for (const auto& v : r.values) w.string(v);
    w.end_array();
  }
  w.end_object();
}

void write_requirements(JsonWriter& w, const std::vector<model::Requirement>& rs) {
  w.begin_array();
  for (const auto& r : rs) write_requirement(w, r);
  w.end_array();
}

void write_term(JsonWriter& w, const model::NodeSelectorTerm& t) {
  w.begin_object();
  if (!t.match_expressions.empty()) {
    w.key("matchExpressions");
    write_requirements(w, t.match_expressions);
  }
  if (!t.match_fields.empty()) {
    w.key("matchFields");
    write_requirements(w, t.match_fields);
  }
  w.end_object();
}

void write_label_selector(JsonWriter& w, const model::LabelSelector& s) {
  w.begin_object();
  if (!s.match_labels.empty()) {
    w.key("matchLabels").begin_object();
    for (const auto& [k, v] : s.match_labels) w.key(k).string(v);
    w.end_object();
  }
  if (!s.match_expressions.empty()) {
    w.key("matchExpressions");
    write_requirements(w, s.match_expressions);
  }
  w.end_object();
}

void write_pod_affinity_term(JsonWriter& w, const model::PodAffinityTerm& t) {
  w.begin_object();
  if (t.label_selector.present) {
    w.key("labelSelector");
    write_label_selector(w, t.label_selector);
  }
  if (!t.namespaces.empty()) {
    w.key("namespaces").begin_array();
    for (const auto& n : t.namespaces) w.string(n);
    w.end_array();
  }
  if (t.namespace_selector.present) {
    w.key("namespaceSelector");
    write_label_selector(w, t.namespace_selector);
  }
  w.key("topologyKey").string(t.topology_key);
  w.end_object();
}

void write_pod_affinity(JsonWriter& w, const model::PodAffinity& a) {
  w.begin_object();
  if (!a.required.empty()) {
    w.key("requiredDuringSchedulingIgnoredDuringExecution").begin_array();
    for (const auto& t : a.required) write_pod_affinity_term(w, t);
    w.end_array();
  }
  if (!a.preferred.empty()) {
    w.key("preferredDuringSchedulingIgnoredDuringExecution").begin_array();
    for (const auto& p : a.preferred) {
      w.begin_object().key("podAffinityTerm");
      write_pod_affinity_term(w, p.term);
      w.key("weight").number(static_cast<int64_t>(p.weight)).end_object();
    }
    w.end_array();
  }
  w.end_object();
}

std::string requirement_json(const model::Requirement& r) {
  JsonWriter w;
  write_requirement(w, r);
  return w.take();
}

}  // namespace

void write_node_selector_terms(JsonWriter& w, const std::vector<model::NodeSelectorTerm>& terms) {
  w.begin_array();
  for (const auto& t : terms) write_term(w, t);
  w.end_array();
}

void write_affinity(JsonWriter& w, const model::Affinity& a) {
  w.begin_object();
  if (a.node_affinity) {
    w.key("nodeAffinity").begin_object();
    if (a.node_affinity->required.present) {
      w.key("requiredDuringSchedulingIgnoredDuringExecution").begin_object().key("nodeSelectorTerms");
      write_node_selector_terms(w, a.node_affinity->required.terms);
      w.end_object();
    }
    if (!a.node_affinity->preferred.empty()) {
      w.key("preferredDuringSchedulingIgnoredDuringExecution").begin_array();
      for (const auto& p : a.node_affinity->preferred) {
        w.begin_object().key("preference");
        write_term(w, p.preference);
        w.key("weight").number(static_cast<int64_t>(p.weight)).end_object();
      }
      w.end_array();
    }
    w.end_object();
  }
  if (a.pod_affinity) {
    w.key("podAffinity");
    write_pod_affinity(w, *a.pod_affinity);
  }
  if (a.pod_anti_affinity) {
    w.key("podAntiAffinity");
    write_pod_affinity(w, *a.pod_anti_affinity);
  }
  w.end_object();
}

model::PodSpec with_required_node_affinity(const model::PodSpec& spec, const model::Requirement& requirement) {
  model::PodSpec out = spec;
  if (!out.affinity) out.affinity = model::Affinity{};
  if (!out.affinity->node_affinity) out.affinity->node_affinity = model::NodeAffinity{};
  model::NodeSelector& required = out.affinity->node_affinity->required;
  if (!required.present || required.terms.empty()) {
    required.present = true;
    required.terms = {model::NodeSelectorTerm{{requirement}, {}}};
    return out;
  }
  for (auto& term : required.terms) {
    bool present = false;
    for (const auto& r : term.match_expressions) present = present || same(r, requirement);
    if (!present) term.match_expressions.push_back(requirement);
  }
  return out;
}

std::string json_patch(const RequireNodeAffinity& intent) {
  model::Requirement req{intent.key, intent.op, intent.values};
  const std::string& base = intent.template_path;
  JsonWriter w;
  w.begin_array();
  const auto& affinity = intent.spec.affinity;
  const model::NodeAffinity* na = affinity && affinity->node_affinity ? &*affinity->node_affinity : nullptr;
  if (!affinity) {
    model::Affinity a;
    a.node_affinity = model::NodeAffinity{};
    a.node_affinity->required = {true, {model::NodeSelectorTerm{{req}, {}}}};
    w.begin_object().key("op").string("add").key("path").string(base + "/affinity").key("value");
    write_affinity(w, a);
    w.end_object();
  } else if (!na || !na->required.present || na->required.terms.empty()) {
    // Keep the user's preferred terms and pod (anti-)affinity: add only what is missing.
    std::string path = base + "/affinity/nodeAffinity";
    if (!na) {
      w.begin_object().key("op").string("add").key("path").string(path).key("value").begin_object();
    } else {
      w.begin_object().key("op").string("add").key("path").string(path + "/requiredDuringSchedulingIgnoredDuringExecution").key("value");
    }
    if (!na) w.key("requiredDuringSchedulingIgnoredDuringExecution");
    w.begin_object().key("nodeSelectorTerms").begin_array().begin_object().key("matchExpressions").begin_array();
    w.raw(requirement_json(req));
    w.end_array().end_object().end_array().end_object();
    if (!na) w.end_object();
    w.end_object();
  } else {
    std::string terms_path = base + "/affinity/nodeAffinity/requiredDuringSchedulingIgnoredDuringExecution/nodeSelectorTerms";
    // Guard: the terms are still what this patch was computed from.
    w.begin_object().key("op").string("test").key("path").string(terms_path).key("value");
    write_node_selector_terms(w, na->required.terms);
    w.end_object();
    for (size_t i = 0; i < na->required.terms.size(); ++i) {
      const auto& term = na->required.terms[i];
      bool present = false;
      for (const auto& r : term.match_expressions) present = present || same(r, req);
      if (present) continue;
      std::string term_path = terms_path + "/" + std::to_string(i) + "/matchExpressions";
      w.begin_object().key("op").string("add");
      if (term.match_expressions.empty()) {
        w.key("path").string(term_path).key("value").begin_array().raw(requirement_json(req)).end_array();
      } else {
        w.key("path").string(term_path + "/-").key("value").raw(requirement_json(req));
      }
      w.end_object();
    }
  }
  w.end_array();
  return w.take();
}

}  // namespace hybridctl::fix
