#include "fix/node_affinity_fix.h"

#include "fix/scheduling_json.h"

namespace hybridctl::fix {
namespace {

bool same(const model::Requirement& a, const model::Requirement& b) {
  return a.key == b.key && a.op == b.op && a.values == b.values;
}

std::string requirement_json(const model::Requirement& r) {
  JsonWriter w;
  write_requirement(w, r);
  return w.take();
}

}  // namespace

model::PodSpec with_required_node_affinity(const model::PodSpec& spec, const model::Requirement& requirement) {
  model::PodSpec out = spec;
  model::Affinity& affinity = out.affinity.edit();
  if (!affinity.node_affinity) affinity.node_affinity = model::NodeAffinity{};
  model::NodeSelector& required = affinity.node_affinity->required;
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
      w.begin_object()
          .key("op")
          .string("add")
          .key("path")
          .string(path + "/requiredDuringSchedulingIgnoredDuringExecution")
          .key("value");
    }
    if (!na) w.key("requiredDuringSchedulingIgnoredDuringExecution");
    w.begin_object().key("nodeSelectorTerms").begin_array().begin_object().key("matchExpressions").begin_array();
    w.raw(requirement_json(req));
    w.end_array().end_object().end_array().end_object();
    if (!na) w.end_object();
    w.end_object();
  } else {
    std::string terms_path =
        base + "/affinity/nodeAffinity/requiredDuringSchedulingIgnoredDuringExecution/nodeSelectorTerms";
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
