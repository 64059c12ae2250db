#include "fix/spread_fix.h"

#include "fix/json_patch_ops.h"
#include "fix/scheduling_json.h"

namespace hybridctl::fix {
namespace {

void write_weighted_term(JsonWriter& w, const model::WeightedPodAffinityTerm& t) {
  w.begin_object().key("podAffinityTerm");
  write_pod_affinity_term(w, t.term);
  w.key("weight").number(static_cast<int64_t>(t.weight)).end_object();
}

void write_weighted_terms(JsonWriter& w, const std::vector<model::WeightedPodAffinityTerm>& terms) {
  w.begin_array();
  for (const auto& t : terms) write_weighted_term(w, t);
  w.end_array();
}

void write_constraints(JsonWriter& w, const std::vector<model::TopologySpreadConstraint>& cs) {
  w.begin_array();
  for (const auto& c : cs) write_topology_spread_constraint(w, c);
  w.end_array();
}

}  // namespace

void write_replicas_ops(JsonWriter& w, std::optional<int32_t> current, int32_t wanted) {
  const std::string wanted_json = std::to_string(wanted);
  if (current) {
    write_replace_tested(w, "/spec/replicas", std::to_string(*current), wanted_json);
  } else {
    write_add_absent(w, "/spec/replicas", wanted_json);
  }
}

void write_add_preferred_anti_affinity_ops(JsonWriter& w, const std::string& spec_path, const model::PodSpec& spec,
                                           const std::vector<model::WeightedPodAffinityTerm>& terms) {
  const std::string affinity_path = spec_path + "/affinity";
  const std::string anti_path = affinity_path + "/podAntiAffinity";
  const std::string list = anti_path + "/preferredDuringSchedulingIgnoredDuringExecution";
  const model::PodAffinity* anti =
      spec.affinity && spec.affinity->pod_anti_affinity ? &*spec.affinity->pod_anti_affinity : nullptr;
  JsonWriter v;
  if (!spec.affinity) {
    v.begin_object().key("podAntiAffinity").begin_object().key("preferredDuringSchedulingIgnoredDuringExecution");
    write_weighted_terms(v, terms);
    v.end_object().end_object();
    write_add_absent(w, affinity_path, v.take());
  } else if (!anti) {
    v.begin_object().key("preferredDuringSchedulingIgnoredDuringExecution");
    write_weighted_terms(v, terms);
    v.end_object();
    write_add_absent(w, anti_path, v.take());
  } else if (anti->preferred.empty()) {
    write_weighted_terms(v, terms);
    write_add_absent(w, list, v.take());
  } else {
    write_weighted_terms(v, anti->preferred);
    write_op(w, "test", list, v.take());
    for (const auto& t : terms) {
      JsonWriter term;
      write_weighted_term(term, t);
      write_op(w, "add", list + "/-", term.take());
    }
  }
}

void write_add_topology_spread_ops(JsonWriter& w, const std::string& spec_path, const model::PodSpec& spec,
                                   const model::TopologySpreadConstraint& constraint) {
  const std::string list = spec_path + "/topologySpreadConstraints";
  JsonWriter v;
  if (spec.topology_spread.empty()) {
    write_constraints(v, {constraint});
    write_add_absent(w, list, v.take());
    return;
  }
  write_constraints(v, spec.topology_spread);
  write_op(w, "test", list, v.take());
  JsonWriter c;
  write_topology_spread_constraint(c, constraint);
  write_op(w, "add", list + "/-", c.take());
}

}  // namespace hybridctl::fix
