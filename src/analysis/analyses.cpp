#include "analysis/analyses.h"

namespace hybridctl::analysis {

const Routability& Analyses::routability() {
  if (!routability_) routability_ = std::make_unique<Routability>(snapshot_);
  return *routability_;
}

const std::vector<Backend>& Analyses::backends() {
  if (!backends_) backends_ = find_backends(snapshot_);
  return *backends_;
}

const placement::PlacementResult& Analyses::placement() {
  if (!placement_) {
    placement::PlacementOptions options;
    options.seed = seed_;
    options.record_feasible_nodes = false;  // rules read placements, not the per-node lists
    options.check_guarantees = false;
    placement_ = placement::simulate(snapshot_, options, &bound_pods());
  }
  return *placement_;
}

const placement::BoundPods& Analyses::bound_pods() {
  if (!bound_pods_) bound_pods_.emplace(snapshot_);
  return *bound_pods_;
}

const traffic::TrafficContext& Analyses::traffic_context() {
  if (!traffic_context_) {
    traffic_context_ =
        std::make_unique<traffic::TrafficContext>(traffic::TrafficInputs{snapshot_, placement().simulated_pods});
  }
  return *traffic_context_;
}

const std::vector<traffic::ServiceTraffic>& Analyses::traffic() {
  if (!traffic_) traffic_ = traffic::model_traffic(traffic_context());
  return *traffic_;
}

bool Analyses::has_hybrid_nodes() const {
  for (const auto& n : snapshot_.nodes) {
    if (n.is_hybrid()) return true;
  }
  return false;
}

bool Analyses::has_cloud_nodes() const {
  for (const auto& n : snapshot_.nodes) {
    if (!n.is_hybrid()) return true;
  }
  return false;
}

}  // namespace hybridctl::analysis
