// The analyses rules share, each computed on first use and memoised, so
// that `--rules HN006` never runs what HN006 does not read. Rules run on
// several threads: each analysis is computed once (core/once.h), by the
// first rule that asks, while the others that need it wait.
#pragma once

#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "analysis/backends.h"
#include "analysis/placement/placement.h"
#include "analysis/placement/services_by_selector.h"
#include "analysis/routability.h"
#include "analysis/traffic/traffic_context.h"
#include "analysis/traffic/traffic_model.h"
#include "core/once.h"
#include "model/snapshot.h"

namespace hybridctl::analysis {

class Analyses {
 public:
  // `seed` drives the placement's tie-breaking (CLI --seed).
  explicit Analyses(const model::Snapshot& snapshot, uint64_t seed = 1) : snapshot_(snapshot), seed_(seed) {}

  const model::Snapshot& snapshot() const { return snapshot_; }
  const Routability& routability();
  const std::vector<Backend>& backends();
  // Where the replicas not yet running would land (one seeded run); its
  // simulated pods complete the observed ones for the traffic model.
  const placement::PlacementResult& placement();
  // The snapshot's bound pods grouped by template, shared by every placement
  // run on this snapshot (the placement above, each keep-in-cloud fix check).
  const placement::BoundPods& bound_pods();
  // The Service traffic model of the snapshot (analysis/traffic).
  const traffic::TrafficContext& traffic_context();
  const std::vector<traffic::ServiceTraffic>& traffic();

  // Whether every replica of `patched`, a changed copy of `original`, would
  // still find a node among the cluster's pods (placement::all_replicas_placeable),
  // memoised by (original, change): several rules offer the same fix for
  // the same workload, and each check is a placement of the whole cluster.
  bool all_replicas_placeable(const model::Workload& original, const std::string& change,
                              const model::Workload& patched);

  bool has_hybrid_nodes() const;
  bool has_cloud_nodes() const;
  bool mixed() const { return has_hybrid_nodes() && has_cloud_nodes(); }

 private:
  const model::Snapshot& snapshot_;
  uint64_t seed_ = 1;
  std::optional<placement::PlacementResult> placement_;
  std::optional<placement::BoundPods> bound_pods_;
  std::unique_ptr<Routability> routability_;
  std::optional<std::vector<Backend>> backends_;
  std::unique_ptr<traffic::TrafficContext> traffic_context_;
  std::optional<std::vector<traffic::ServiceTraffic>> traffic_;
  std::unique_ptr<placement::ServicesBySelectorPair> service_selectors_;  // shared by the placement checks
  std::mutex placeable_mutex_;
  std::map<std::pair<const model::Workload*, std::string>, std::shared_future<bool>> placeable_;
  Once service_selectors_once_;
  Once placement_once_, bound_pods_once_, routability_once_, backends_once_, traffic_context_once_, traffic_once_;
};

}  // namespace hybridctl::analysis
