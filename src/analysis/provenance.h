// Who manages an object: a Helm release, an EKS add-on, an operator's
// custom resource, Argo CD / Flux, or nobody (plain kubectl). Fixes are
// aimed at the manager: a patch on a managed object is reverted by it.
#pragma once

#include <string>

#include "model/object_meta.h"

namespace hybridctl::analysis {

struct Manager {
  enum class Kind { None, Helm, EksAddon, Operator, ArgoCD, Flux };
  Kind kind = Kind::None;
  std::string name;        // release, add-on, CR or application name
  std::string ns;          // the release's namespace (Helm)
  std::string owner_kind;  // the custom resource's kind (Operator)

  const char* kind_name() const;
};

Manager manager_of(const model::ObjectBase& object);

}  // namespace hybridctl::analysis
