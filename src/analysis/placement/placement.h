// Placement simulation with kube-scheduler semantics: where every workload's
// replicas would land on the snapshot's nodes, over one or many seeds.
//
// Order (documented, deterministic): pods already bound (spec.nodeName set,
// not Succeeded/Failed) are taken as placed first — they count for resources,
// inter-pod affinity and spreading, and count toward their workload's
// replicas. Then workloads by priority (system-node-critical, then
// system-cluster-critical, then the rest), then kind (DaemonSet, StatefulSet,
// Deployment, ReplicaSet, ReplicationController, Job, bare Pod), then
// namespace and name; the replicas of one workload are scheduled one after
// another, as a controller's burst of creations is. ReplicaSets owned by a
// Deployment in the input are placed as that Deployment; CronJobs (no pods
// until they fire) are not placed.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/placement/bound_pods.h"
#include "analysis/placement/node_set.h"
#include "analysis/placement/what_ifs.h"
#include "model/snapshot.h"

namespace hybridctl::analysis::placement {

struct PlacementOptions {
  uint64_t seed = 1;
  int runs = 1;  // runs use seeds seed, seed+1, ..., seed+runs-1
  // Listing feasible nodes costs a pass over every node per workload;
  // callers that do not read them turn it off.
  bool record_feasible_nodes = true;
  // guaranteed_both_sides re-places each workload with hard constraints,
  // confined to either side, over every bound pod: callers that only need the
  // placement (the traffic model) turn it off.
  bool check_guarantees = true;
};

struct WorkloadPlacement {
  const model::Workload* workload = nullptr;  // or
  const model::Pod* bare_pod = nullptr;       // a bare Pod without nodeName
  int replicas = 0;
  // The nodes passing every filter (no scores) for one more pod of the
  // workload at its turn in the placement order, with the pods bound so far
  // counted; sorted by name. A workload whose replicas are all bound already
  // may list none (e.g. a DaemonSet with hostname anti-affinity). Members are
  // indexes into PlacementResult::nodes.
  NodeSet feasible_nodes;
  std::vector<const model::Node*> placements;  // per replica (bound ones first) of the run under
                                               // `seed`; nullptr = unschedulable
  std::map<std::string, int> by_environment, by_zone;
  // Over `runs` seeds: share of runs in which every replica landed on cloud
  // nodes / on hybrid nodes, and in which at least one landed on each side.
  double all_in_cloud = 0, all_in_hybrid = 0, both_sides = 0;
  // Only when the constraints force it: with the replicas confined to either
  // side, the filters reject at least one of them (not from sampling).
  bool guaranteed_both_sides = false;
};

struct PlacementResult {
  std::vector<WorkloadPlacement> workloads;
  // The snapshot's nodes by placement number (what NodeSet members index).
  std::vector<const model::Node*> nodes;
  // One Pod per simulated replica placed under `seed` (labels, annotations
  // and spec from the template, nodeName set, Running and ready, owned by its
  // workload), for the traffic model and re-audits.
  std::vector<model::Pod> simulated_pods;
};

// `bound`: the snapshot's BoundPods when the caller keeps them (Analyses);
// built here otherwise.
PlacementResult simulate(const model::Snapshot& snapshot, const PlacementOptions& options,
                         const BoundPods* bound = nullptr);

class ServicesBySelectorPair;

// Can every replica of `w` (e.g. a workload after a proposed fix) be placed,
// given the snapshot's nodes and its bound pods (other than w's own)? The
// replicas are scheduled one after another under seed 1, after the bound
// pods, with the interchangeable-node groups in canonical order
// (NodeGroups::canonicalize). `services`: the snapshot's Service index when
// the caller keeps one.
bool all_replicas_placeable(const model::Snapshot& snapshot, const model::Workload& w, const BoundPods* bound = nullptr,
                            const ServicesBySelectorPair* services = nullptr);

// The same question asked for many workloads of one snapshot (every
// keep-in-cloud fix of an audit): the bound pods are placed once, and each
// check takes the workload's own pods off, schedules the patched replicas,
// and puts everything back, so a check costs the workload's pods and
// replicas rather than the whole cluster. Every answer equals
// all_replicas_placeable's (tests/placement/placed_cluster_test.cpp). Not
// thread-safe: the caller serialises checks.
class PlacedCluster {
 public:
  PlacedCluster(const model::Snapshot& snapshot, const BoundPods& bound,
                const ServicesBySelectorPair* services = nullptr);
  ~PlacedCluster();
  PlacedCluster(const PlacedCluster&) = delete;
  PlacedCluster& operator=(const PlacedCluster&) = delete;

  bool all_replicas_placeable(const model::Workload& w);

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// Where `w`'s replicas may land when placed from scratch on the snapshot's
// nodes with nothing else running (after a rollout or a fresh install),
// over `runs` seeds: the odds HN005 reports and its fix is checked against.
struct ReplicaOdds {
  double all_in_cloud = 0, all_in_hybrid = 0, both_sides = 0;
  bool guaranteed_both_sides = false;
  int runs = 0;
};
ReplicaOdds place_alone(const model::Snapshot& snapshot, const model::Workload& w, uint64_t seed, int runs);

// The zone key used in by_zone for nodes without a zone label.
inline constexpr const char* kNoZone = "(none)";

}  // namespace hybridctl::analysis::placement
