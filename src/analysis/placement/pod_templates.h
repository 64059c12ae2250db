// Interned pod templates: replicas of a workload, and existing pods with the
// same labels and spec, share one entry, so every per-template computation
// (static filters per node class, counters a pod matches, compiled
// constraints) runs once per template rather than once per pod.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "analysis/placement/node_table.h"
#include "model/snapshot.h"

namespace hybridctl::analysis::placement {

using TemplateId = int32_t;

struct PodTemplateInfo {
  std::string ns;
  StringMap labels;
  model::PodSpec spec;
  const model::Workload* workload = nullptr;  // the owning controller, for default spreading
  const StringMap* namespace_labels = nullptr;
  PodRequests requests;
  // Static plugins look at the node name (nodeName, matchFields) or the
  // hostname label: their answers are then cached per node, not per class.
  bool statics_per_node = false;
  // How many of this template's pods each node runs (existing and placed).
  std::unordered_map<NodeId, int32_t> placed;
  // Ids of the pod counters that select this template's pods (filled lazily).
  std::vector<int32_t> matching_counters;
  bool matching_known = false;
};

// Everything scheduling reads of a pod, as one string: equal strings mean
// interchangeable pods. `without_node_name`: as if spec.nodeName were empty.
std::string template_fingerprint(std::string_view ns, const StringMap& labels, const model::PodSpec& spec,
                                 const model::Workload* workload, bool without_node_name);

class TemplateTable {
 public:
  explicit TemplateTable(const model::Snapshot& snapshot) : snapshot_(snapshot) {}

  // `bound_pod`: the spec is a bound pod's, whose nodeName the bind supplies;
  // the template is that spec without it (no copy of the spec is made to say so).
  TemplateId intern(std::string_view ns, const StringMap& labels, const model::PodSpec& spec,
                    const model::Workload* workload, bool bound_pod = false);
  // The same with the fingerprint already computed (BoundPods keeps one per
  // group, so a placement per fix check does not fingerprint them again).
  TemplateId intern(std::string fingerprint, std::string_view ns, const StringMap& labels, const model::PodSpec& spec,
                    const model::Workload* workload, bool bound_pod);
  // A template of its own, never shared with an equal one interned before or
  // after (a fix check's patched workload, so that the shared cluster state's
  // templates keep their own plugin state).
  TemplateId add(std::string_view ns, const StringMap& labels, const model::PodSpec& spec,
                 const model::Workload* workload);
  PodTemplateInfo& at(TemplateId t) { return *templates_[t]; }
  const PodTemplateInfo& at(TemplateId t) const { return *templates_[t]; }
  size_t size() const { return templates_.size(); }

 private:
  TemplateId append(std::string_view ns, const StringMap& labels, const model::PodSpec& spec,
                    const model::Workload* workload, bool bound_pod);

  const model::Snapshot& snapshot_;
  std::vector<std::unique_ptr<PodTemplateInfo>> templates_;
  std::unordered_map<std::string, TemplateId> ids_;
};

// The tolerations the DaemonSet controller adds to every daemon pod
// (pkg/controller/daemon/util AddOrUpdateDaemonPodTolerations).
void add_daemon_pod_tolerations(model::PodSpec& spec);

}  // namespace hybridctl::analysis::placement
