// The scheduling vocabulary of src/model written back as Kubernetes JSON, for
// patches, Helm values and add-on configuration.
#pragma once

#include <vector>

#include "core/json_writer.h"
#include "model/scheduling.h"

namespace hybridctl::fix {

void write_requirement(JsonWriter& w, const model::Requirement& r);
void write_requirements(JsonWriter& w, const std::vector<model::Requirement>& rs);
void write_label_selector(JsonWriter& w, const model::LabelSelector& s);
void write_node_selector_term(JsonWriter& w, const model::NodeSelectorTerm& t);
void write_node_selector_terms(JsonWriter& w, const std::vector<model::NodeSelectorTerm>& terms);
void write_pod_affinity_term(JsonWriter& w, const model::PodAffinityTerm& t);
void write_pod_affinity(JsonWriter& w, const model::PodAffinity& a);
void write_affinity(JsonWriter& w, const model::Affinity& a);
void write_topology_spread_constraint(JsonWriter& w, const model::TopologySpreadConstraint& c);

}  // namespace hybridctl::fix
