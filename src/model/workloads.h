// Pods, pod templates and the controllers that own them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/shared_list.h"
#include "core/shared_optional.h"
#include "model/object_meta.h"
#include "model/scheduling.h"

namespace hybridctl::model {

struct ContainerPort {
  std::string name;
  int32_t container_port = 0;
  std::string protocol;  // TCP by default
  bool operator==(const ContainerPort&) const = default;
};

struct Container {
  std::string name;
  std::string image;
  std::vector<ContainerPort> ports;
  int64_t cpu_request_milli = 0;
  int64_t memory_request_bytes = 0;
  bool operator==(const Container&) const = default;
};

// The lists and the affinity are shared by the copies of a spec (and, once
// interned by the decoder, by the pods of one template) until changed.
struct PodSpec {
  StringMap node_selector;
  SharedOptional<Affinity> affinity;
  SharedList<Toleration> tolerations;
  SharedList<TopologySpreadConstraint> topology_spread;
  SharedList<Container> containers;
  SharedList<Container> init_containers;
  std::string node_name;
  bool host_network = false;
  std::string priority_class_name;
  std::string scheduler_name;
  bool operator==(const PodSpec&) const = default;
};

// The spec's node affinity, or an empty optional when it has none.
inline const std::optional<NodeAffinity>& node_affinity_of(const PodSpec& spec) {
  static const std::optional<NodeAffinity> none;
  return spec.affinity ? spec.affinity->node_affinity : none;
}

struct PodTemplate {
  StringMap labels;
  StringMap annotations;
  PodSpec spec;
  bool operator==(const PodTemplate&) const = default;
};

enum class WorkloadKind : uint8_t {
  Deployment,
  StatefulSet,
  DaemonSet,
  ReplicaSet,
  ReplicationController,
  Job,
  CronJob
};

struct Workload : ObjectBase {
  WorkloadKind workload_kind = WorkloadKind::Deployment;
  std::optional<int32_t> replicas;  // Deployments, StatefulSets, ReplicaSets; Job parallelism
  LabelSelector selector;
  PodTemplate tmpl;
};

struct Pod : ObjectBase {
  PodSpec spec;
  std::string phase;
  std::string pod_ip;
  std::vector<std::string> pod_ips;
  std::string host_ip;
  std::optional<bool> ready;  // the Ready condition, when reported
  // Placed by a simulation (`simulate`'s audit of its result): it runs
  // nowhere yet and has no IP, but stands for a running replica.
  bool simulated = false;

  // Succeeded or Failed: the pod holds no resources and serves nothing.
  bool finished() const { return phase == "Succeeded" || phase == "Failed"; }
};

}  // namespace hybridctl::model
