#include "fix/node_affinity_fix.h"

#include "fix/json_patch_ops.h"
#include "fix/scheduling_json.h"

namespace hybridctl::fix {
namespace {

std::string requirement_json(const model::Requirement& r) {
  JsonWriter w;
  write_requirement(w, r);
  return w.take();
}

}  // namespace

std::string json_patch(const RequireNodeAffinity& intent) {
  model::Requirement req{intent.key, intent.op, intent.values};
  const std::string affinity_path = intent.template_path + "/affinity";
  const std::string node_affinity_path = affinity_path + "/nodeAffinity";
  const std::string required_path = node_affinity_path + "/requiredDuringSchedulingIgnoredDuringExecution";
  const std::string terms_path = required_path + "/nodeSelectorTerms";
  const std::vector<model::NodeSelectorTerm> new_terms{model::NodeSelectorTerm{{req}, {}}};
  const auto& affinity = intent.spec.affinity;
  const model::NodeAffinity* na = affinity && affinity->node_affinity ? &*affinity->node_affinity : nullptr;
  JsonWriter w;
  w.begin_array();
  // Each level the dump lacks is added whole, guarded by a test that it is
  // still absent; a level it has is kept, so the user's other terms stay.
  if (!affinity) {
    model::Affinity a;
    a.node_affinity = model::NodeAffinity{};
    a.node_affinity->required = {true, new_terms};
    JsonWriter v;
    write_affinity(v, a);
    write_add_absent(w, affinity_path, v.take());
  } else if (!na) {
    JsonWriter v;
    v.begin_object().key("requiredDuringSchedulingIgnoredDuringExecution").begin_object().key("nodeSelectorTerms");
    write_node_selector_terms(v, new_terms);
    v.end_object().end_object();
    write_add_absent(w, node_affinity_path, v.take());
  } else if (!na->required.present) {
    JsonWriter v;
    v.begin_object().key("nodeSelectorTerms");
    write_node_selector_terms(v, new_terms);
    v.end_object();
    write_add_absent(w, required_path, v.take());
  } else if (na->required.terms.empty()) {
    JsonWriter v;
    write_node_selector_terms(v, new_terms);
    write_replace_tested(w, terms_path, "[]", v.take());
  } else {
    // Guard: the terms are still what this patch was computed from.
    JsonWriter old;
    write_node_selector_terms(old, na->required.terms);
    write_op(w, "test", terms_path, old.take());
    for (size_t i = 0; i < na->required.terms.size(); ++i) {
      const auto& term = na->required.terms[i];
      bool present = false;
      for (const auto& r : term.match_expressions) present = present || r == req;
      if (present) continue;
      std::string term_path = terms_path + "/" + std::to_string(i) + "/matchExpressions";
      if (term.match_expressions.empty()) {
        write_op(w, "add", term_path, "[" + requirement_json(req) + "]");  // covered by the terms' test
      } else {
        write_op(w, "add", term_path + "/-", requirement_json(req));
      }
    }
  }
  w.end_array();
  return w.take();
}

std::string installation_affinity_patch(std::string_view field, const model::Affinity& merged) {
  JsonWriter v;
  v.begin_object().key("spec").begin_object().key("template").begin_object().key("spec").begin_object();
  v.key("affinity");
  write_affinity(v, merged);
  v.end_object().end_object().end_object().end_object();
  JsonWriter w;
  w.begin_array();
  write_add_absent(w, "/spec/" + std::string(field), v.take());
  w.end_array();
  return w.take();
}

}  // namespace hybridctl::fix
