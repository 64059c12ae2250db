// Where each object of the snapshot was read, by identity: for patches whose
// target is not the finding's own object (a Node to label, an operator's
// custom resource), whose Origin the finding does not carry.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "model/snapshot.h"

namespace hybridctl::fix {

class ObjectOrigins {
 public:
  explicit ObjectOrigins(const model::Snapshot& snapshot);
  // The first object of this kind, namespace and name read from a source.
  std::optional<model::Origin> find(const model::ObjectRef& ref) const;

 private:
  std::map<std::string, model::Origin> by_identity_;
};

}  // namespace hybridctl::fix
