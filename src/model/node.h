// A Node and the two facts every rule asks of it: its environment and zone.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "model/object_meta.h"
#include "model/scheduling.h"

namespace hybridctl::model {

enum class Environment : uint8_t { Cloud, Hybrid };

inline constexpr const char* kComputeTypeLabel = "eks.amazonaws.com/compute-type";
inline constexpr const char* kZoneLabel = "topology.kubernetes.io/zone";
inline constexpr const char* kHostnameLabel = "kubernetes.io/hostname";

struct Node : ObjectBase {
  std::vector<Taint> taints;
  bool unschedulable = false;
  std::string internal_ip;
  std::vector<std::string> pod_cidrs;
  int64_t allocatable_cpu_milli = 0;
  int64_t allocatable_memory_bytes = 0;
  int64_t allocatable_pods = 0;
  std::optional<bool> ready;
  std::string kubelet_version;
  std::string kube_proxy_version;
  bool synthesized = false;  // from --assume-nodes / --add-nodes

  Environment environment() const {
    return meta.labels.get(kComputeTypeLabel) == "hybrid" ? Environment::Hybrid : Environment::Cloud;
  }
  bool is_hybrid() const { return environment() == Environment::Hybrid; }
  // Empty when the node has no (or an empty) zone label.
  std::string_view zone() const { return meta.labels.get(kZoneLabel); }
};

// Everything a static scheduling filter reads of a node except its name and
// its hostname label's value (labels, whether it has a hostname label,
// taints, cordon), as one string: nodes with equal keys are interchangeable
// for those filters (and, the hostname's presence kept, for topology keys).
std::string node_class_key(const Node& n);

inline const char* environment_name(Environment e) { return e == Environment::Hybrid ? "hybrid" : "cloud"; }

}  // namespace hybridctl::model
