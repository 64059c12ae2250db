// The field each FixIntent changes, as a JSON pointer into its object: what
// the field-position table is asked (model/field_positions.h) so that a
// refused splice, a file changed since it was read and the fix script can
// name the line of the field rather than of the object.
#pragma once

#include <optional>
#include <string>

#include "fix/fix_intent.h"

namespace hybridctl::fix {

struct TargetedField {
  model::ObjectRef target;
  std::string pointer;  // e.g. /spec/template/spec/affinity, /metadata/labels/topology.kubernetes.io~1zone
};

// nullopt for the intents that change no object (ChangeNetwork, RunCommand).
std::optional<TargetedField> targeted_field(const FixIntent& intent);

}  // namespace hybridctl::fix
