#include "analysis/ownership.h"

#include "k8s/label_selector.h"

namespace hybridctl::analysis {
namespace {

std::optional<model::WorkloadKind> workload_kind_of(std::string_view kind) {
  using model::WorkloadKind;
  if (kind == "Deployment") return WorkloadKind::Deployment;
  if (kind == "StatefulSet") return WorkloadKind::StatefulSet;
  if (kind == "DaemonSet") return WorkloadKind::DaemonSet;
  if (kind == "ReplicaSet") return WorkloadKind::ReplicaSet;
  if (kind == "ReplicationController") return WorkloadKind::ReplicationController;
  if (kind == "Job") return WorkloadKind::Job;
  if (kind == "CronJob") return WorkloadKind::CronJob;
  return std::nullopt;
}

const model::Workload* resolve_owner(const model::Snapshot& snapshot, const model::ObjectMeta& meta) {
  for (const model::OwnerReference& o : meta.owners) {
    const model::Workload* w = nullptr;
    if (!o.uid.empty()) w = snapshot.workload_by_uid(o.uid);
    if (!w) {
      if (auto kind = workload_kind_of(o.kind)) w = snapshot.workload(*kind, meta.ns, o.name);
    }
    if (w) return w;
  }
  return nullptr;
}

// Rank for choosing among workloads whose selector matches: controllers a
// user edits come before the ReplicaSets they generate.
int rank(model::WorkloadKind k) { return k == model::WorkloadKind::ReplicaSet ? 1 : 0; }

}  // namespace

const model::Workload* top_workload(const model::Snapshot& snapshot, const model::Workload& workload) {
  const model::Workload* current = &workload;
  for (int depth = 0; depth < 4; ++depth) {  // owner chains are at most two deep; guard cycles
    const model::Workload* owner = resolve_owner(snapshot, current->meta);
    if (!owner || owner == current) break;
    current = owner;
  }
  return current;
}

const model::Workload* workload_of_pod(const model::Snapshot& snapshot, const model::Pod& pod) {
  if (const model::Workload* owner = resolve_owner(snapshot, pod.meta)) return top_workload(snapshot, *owner);
  const model::Workload* best = nullptr;
  for (const model::Workload& w : snapshot.workloads) {
    if (w.meta.ns != pod.meta.ns || !w.selector.present) continue;
    if (w.selector.match_labels.empty() && w.selector.match_expressions.empty()) continue;
    if (!k8s::label_selector_matches(w.selector, pod.meta.labels).matched) continue;
    if (!best || rank(w.workload_kind) < rank(best->workload_kind)) best = &w;
  }
  return best ? top_workload(snapshot, *best) : nullptr;
}

}  // namespace hybridctl::analysis
