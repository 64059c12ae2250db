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
#include <unordered_map>
#include <vector>

#include "analysis/backends.h"
#include "analysis/placement/placement.h"
#include "analysis/placement/services_by_selector.h"
#include "analysis/pods_by_name.h"
#include "analysis/reachability.h"
#include "analysis/ready_endpoints.h"
#include "analysis/routability.h"
#include "analysis/service_workloads.h"
#include "analysis/traffic/prefer_close.h"
#include "analysis/traffic/traffic_context.h"
#include "analysis/traffic/traffic_model.h"
#include "core/memo_map.h"
#include "core/once.h"
#include "model/snapshot.h"

namespace hybridctl::analysis {

class Analyses {
 public:
  // `seed` drives the placement's tie-breaking (CLI --seed); `odds_runs`, when
  // above 1, is how many seeded placements a rule's odds simulate (CLI --runs).
  explicit Analyses(const model::Snapshot& snapshot, uint64_t seed = 1, int odds_runs = 0)
      : snapshot_(snapshot), seed_(seed), odds_runs_(odds_runs) {}

  const model::Snapshot& snapshot() const { return snapshot_; }
  // The placements to simulate for odds: --runs when given, else `fallback`.
  int odds_runs(int fallback) const { return odds_runs_ > 1 ? odds_runs_ : fallback; }
  const Routability& routability();
  // Where addresses run, and who can reach them (the one answer of each).
  const EndpointLocator& endpoint_locator();
  const Reachability& reachability();
  // The ready endpoints of a Service (analysis/ready_endpoints.h), memoised.
  const ServiceEndpoints& ready_endpoints(const model::Service& service);
  // The snapshot's pods by namespace and name (the traffic model reads the
  // same index), and a finder over it.
  const PodsByName& pods_by_name();
  PodFinder pod_finder();
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
  // The Service's entry in traffic(), or nullptr (ExternalName Services have none).
  const traffic::ServiceTraffic* traffic_of(const model::Service& service);
  // The top workloads each Service's selector matches (analysis/service_workloads.h).
  const SelectedWorkloads& selected_workloads();
  // The sides a workload's template may be placed on, memoised per workload.
  const traffic::BackendSides& placeable_sides(const model::Workload& workload);
  // The sides a Service's backends are on (its serving endpoints in
  // traffic()) or may be placed on (its selected workloads).
  traffic::BackendSides backend_sides(const model::Service& service);
  // The share of its connections crossing sides as the Service runs and
  // under PreferClose (analysis/traffic/prefer_close.h), memoised per Service.
  const traffic::CrossingShares& prefer_close_shares(const model::Service& service);

  // Whether every replica of `patched`, a changed copy of `original`, would
  // still find a node among the cluster's pods (placement::all_replicas_placeable),
  // memoised by (original, change): several rules offer the same fix for
  // the same workload. The checks share one placement of the bound pods
  // (placement::PlacedCluster), so each costs the workload, not the cluster.
  bool all_replicas_placeable(const model::Workload& original, const std::string& change,
                              const model::Workload& patched);

  // Where `workload`'s replicas land placed alone, on nodes with nothing
  // else running (placement::place_alone over odds_runs(fallback_runs)
  // seeded runs: the odds HN005 reports and checks its fix against),
  // memoised by the workload's content, so a rule asking again, or asking
  // for an equal copy, shares one simulation. With `unzoned_hybrid_zone`,
  // placed on the snapshot as HN006's fix leaves it (with_hybrid_zones).
  const placement::ReplicaOdds& replica_odds(const model::Workload& workload, int fallback_runs,
                                             const std::string& unzoned_hybrid_zone = "");
  // The snapshot with every unzoned hybrid node labelled `zone`
  // (placement::with_hybrid_zones), memoised by zone.
  const model::Snapshot& with_hybrid_zones(const std::string& zone);

  bool has_hybrid_nodes() const;
  bool has_cloud_nodes() const;
  bool mixed() const { return has_hybrid_nodes() && has_cloud_nodes(); }

 private:
  const model::Snapshot& snapshot_;
  uint64_t seed_ = 1;
  int odds_runs_ = 0;
  std::optional<placement::PlacementResult> placement_;
  std::optional<placement::BoundPods> bound_pods_;
  std::unique_ptr<Routability> routability_;
  std::unique_ptr<EndpointLocator> locator_;
  std::unique_ptr<Reachability> reachability_;
  std::optional<PodsByName> pods_by_name_;
  std::mutex endpoints_mutex_;
  std::map<const model::Service*, std::unique_ptr<ServiceEndpoints>> ready_endpoints_;
  std::optional<std::vector<Backend>> backends_;
  std::unique_ptr<traffic::TrafficContext> traffic_context_;
  std::optional<std::vector<traffic::ServiceTraffic>> traffic_;
  std::unordered_map<const model::Service*, const traffic::ServiceTraffic*> traffic_by_service_;
  std::unique_ptr<SelectedWorkloads> selected_workloads_;
  MemoMap<const model::Workload*, traffic::BackendSides> placeable_sides_;
  MemoMap<const model::Service*, traffic::CrossingShares> prefer_close_shares_;
  std::unique_ptr<placement::ServicesBySelectorPair> service_selectors_;  // shared by the placement checks
  std::mutex placed_cluster_mutex_;                                       // one check at a time on the shared state
  std::unique_ptr<placement::PlacedCluster> placed_cluster_;
  MemoMap<std::pair<const model::Workload*, std::string>, bool> placeable_;
  // What place_alone reads of a workload, and how it is asked: equal keys
  // give equal odds.
  struct ReplicaOddsKey {
    std::string ns, name;
    model::WorkloadKind kind = model::WorkloadKind::Deployment;
    std::optional<int32_t> replicas;
    model::LabelSelector selector;
    model::PodTemplate tmpl;
    std::string unzoned_hybrid_zone;
    int runs = 0;
    bool operator==(const ReplicaOddsKey&) const = default;
  };
  struct ReplicaOddsKeyHash {
    size_t operator()(const ReplicaOddsKey& key) const;
  };
  MemoMap<ReplicaOddsKey, placement::ReplicaOdds,
          std::unordered_map<ReplicaOddsKey, std::shared_future<placement::ReplicaOdds>, ReplicaOddsKeyHash>>
      replica_odds_;
  MemoMap<std::string, std::shared_ptr<const model::Snapshot>> hybrid_zoned_snapshots_;
  Once placement_once_, bound_pods_once_, routability_once_, backends_once_, traffic_context_once_, traffic_once_,
      locator_once_, reachability_once_, pods_by_name_once_, service_selectors_once_, traffic_by_service_once_,
      selected_workloads_once_;
};

}  // namespace hybridctl::analysis
