// JSON patch operations that spread a workload's replicas: more replicas,
// preferred pod anti-affinity terms, topology spread constraints. Each adds
// only what is missing, behind `test` guards on what it was computed from,
// so a patch applied twice fails its guard instead of changing anything
// (the same changes as data: fix/scheduling_changes.h).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/json_writer.h"
#include "model/workloads.h"

namespace hybridctl::fix {

// `w` is inside a JSON array (the patch); `spec_path` the PodSpec's pointer.
void write_replicas_ops(JsonWriter& w, std::optional<int32_t> current, int32_t wanted);
void write_add_preferred_anti_affinity_ops(JsonWriter& w, const std::string& spec_path, const model::PodSpec& spec,
                                           const std::vector<model::WeightedPodAffinityTerm>& terms);
void write_add_topology_spread_ops(JsonWriter& w, const std::string& spec_path, const model::PodSpec& spec,
                                   const model::TopologySpreadConstraint& constraint);

}  // namespace hybridctl::fix
