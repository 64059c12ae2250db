// Identity, labels and provenance of every decoded object.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/shared_list.h"
#include "core/string_map.h"

namespace hybridctl::model {

// Where an object was read: an index into Snapshot::files and its line.
struct Origin {
  uint32_t file = UINT32_MAX;  // UINT32_MAX: synthesised (e.g. --assume-nodes)
  uint32_t line = 0;
  uint32_t column = 0;
};

struct ObjectRef {
  std::string api_version;
  std::string kind;
  std::string ns;  // empty for cluster-scoped objects
  std::string name;
  auto operator<=>(const ObjectRef&) const = default;
};

struct OwnerReference {
  std::string api_version;
  std::string kind;
  std::string name;
  std::string uid;
  bool controller = false;
  bool operator==(const OwnerReference&) const = default;
};

struct ObjectMeta {
  std::string name;
  std::string ns;
  std::string uid;
  StringMap labels;
  // Only annotations a rule or the provenance analysis reads (see decode/annotations).
  StringMap annotations;
  SharedList<OwnerReference> owners;  // shared by the pods of one ReplicaSet once interned
  bool deleting = false;              // deletionTimestamp set
  bool managed_by_eks = false;        // a managedFields entry's manager is "eks" (an EKS add-on's object)
};

// The part every object in the snapshot shares.
struct ObjectBase {
  std::string api_version;
  std::string kind;
  ObjectMeta meta;
  Origin origin;

  ObjectRef ref() const { return {api_version, kind, meta.ns, meta.name}; }
};

}  // namespace hybridctl::model
