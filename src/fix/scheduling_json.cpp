#include "fix/scheduling_json.h"

namespace hybridctl::fix {
namespace {

void write_string_list(JsonWriter& w, std::string_view key, const std::vector<std::string>& values) {
  if (values.empty()) return;
  w.key(key).begin_array();
  for (const auto& v : values) w.string(v);
  w.end_array();
}

}  // namespace

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

void write_node_selector_term(JsonWriter& w, const model::NodeSelectorTerm& t) {
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
  write_string_list(w, "matchLabelKeys", t.match_label_keys);
  write_string_list(w, "mismatchLabelKeys", t.mismatch_label_keys);
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

void write_node_selector_terms(JsonWriter& w, const std::vector<model::NodeSelectorTerm>& terms) {
  w.begin_array();
  for (const auto& t : terms) write_node_selector_term(w, t);
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
        write_node_selector_term(w, p.preference);
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

void write_topology_spread_constraint(JsonWriter& w, const model::TopologySpreadConstraint& c) {
  w.begin_object().key("maxSkew").number(static_cast<int64_t>(c.max_skew));
  w.key("topologyKey").string(c.topology_key).key("whenUnsatisfiable").string(c.when_unsatisfiable);
  if (c.label_selector.present) {
    w.key("labelSelector");
    write_label_selector(w, c.label_selector);
  }
  if (c.min_domains) w.key("minDomains").number(static_cast<int64_t>(*c.min_domains));
  if (!c.node_affinity_policy.empty()) w.key("nodeAffinityPolicy").string(c.node_affinity_policy);
  if (!c.node_taints_policy.empty()) w.key("nodeTaintsPolicy").string(c.node_taints_policy);
  write_string_list(w, "matchLabelKeys", c.match_label_keys);
  w.end_object();
}

}  // namespace hybridctl::fix
