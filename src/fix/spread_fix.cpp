#include "fix/spread_fix.h"

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
  if (current) {
    w.begin_object().key("op").string("test").key("path").string("/spec/replicas").key("value");
    w.number(static_cast<int64_t>(*current)).end_object();
  }
  w.begin_object().key("op").string(current ? "replace" : "add").key("path").string("/spec/replicas");
  w.key("value").number(static_cast<int64_t>(wanted)).end_object();
}

void write_add_preferred_anti_affinity_ops(JsonWriter& w, const std::string& spec_path, const model::PodSpec& spec,
                                           const std::vector<model::WeightedPodAffinityTerm>& terms) {
  const std::string affinity_path = spec_path + "/affinity";
  const model::PodAffinity* anti =
      spec.affinity && spec.affinity->pod_anti_affinity ? &*spec.affinity->pod_anti_affinity : nullptr;
  if (!spec.affinity) {
    w.begin_object().key("op").string("add").key("path").string(affinity_path).key("value").begin_object();
    w.key("podAntiAffinity").begin_object().key("preferredDuringSchedulingIgnoredDuringExecution");
    write_weighted_terms(w, terms);
    w.end_object().end_object().end_object();
  } else if (!anti) {
    w.begin_object().key("op").string("add").key("path").string(affinity_path + "/podAntiAffinity").key("value");
    w.begin_object().key("preferredDuringSchedulingIgnoredDuringExecution");
    write_weighted_terms(w, terms);
    w.end_object().end_object();
  } else if (anti->preferred.empty()) {
    w.begin_object().key("op").string("add");
    w.key("path").string(affinity_path + "/podAntiAffinity/preferredDuringSchedulingIgnoredDuringExecution");
    w.key("value");
    write_weighted_terms(w, terms);
    w.end_object();
  } else {
    const std::string list = affinity_path + "/podAntiAffinity/preferredDuringSchedulingIgnoredDuringExecution";
    w.begin_object().key("op").string("test").key("path").string(list).key("value");
    write_weighted_terms(w, anti->preferred);
    w.end_object();
    for (const auto& t : terms) {
      w.begin_object().key("op").string("add").key("path").string(list + "/-").key("value");
      write_weighted_term(w, t);
      w.end_object();
    }
  }
}

void write_add_topology_spread_ops(JsonWriter& w, const std::string& spec_path, const model::PodSpec& spec,
                                   const model::TopologySpreadConstraint& constraint) {
  const std::string list = spec_path + "/topologySpreadConstraints";
  if (spec.topology_spread.empty()) {
    w.begin_object().key("op").string("add").key("path").string(list).key("value");
    write_constraints(w, {constraint});
    w.end_object();
    return;
  }
  w.begin_object().key("op").string("test").key("path").string(list).key("value");
  write_constraints(w, spec.topology_spread);
  w.end_object();
  w.begin_object().key("op").string("add").key("path").string(list + "/-").key("value");
  write_topology_spread_constraint(w, constraint);
  w.end_object();
}

model::PodSpec with_preferred_anti_affinity(model::PodSpec spec,
                                            const std::vector<model::WeightedPodAffinityTerm>& terms) {
  model::Affinity& affinity = spec.affinity.edit();
  if (!affinity.pod_anti_affinity) affinity.pod_anti_affinity = model::PodAffinity{};
  auto& preferred = affinity.pod_anti_affinity->preferred;
  preferred.insert(preferred.end(), terms.begin(), terms.end());
  return spec;
}

model::PodSpec with_topology_spread(model::PodSpec spec, const model::TopologySpreadConstraint& constraint) {
  spec.topology_spread.push_back(constraint);
  return spec;
}

}  // namespace hybridctl::fix
