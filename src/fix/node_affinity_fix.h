// Required node affinity written as patches: the requirement added to every
// existing nodeSelectorTerm (or the single term created), never replacing a
// user's atomic lists (the same change as data: fix/scheduling_changes.h).
#pragma once

#include <string>
#include <vector>

#include "core/json_writer.h"
#include "fix/fix_intent.h"
#include "fix/scheduling_json.h"

namespace hybridctl::fix {

// RFC 6902 operations (as a JSON array) for the intent: `test` guards on
// what the patch relies on, then `add`s under the template path.
std::string json_patch(const RequireNodeAffinity& intent);

// The same requirement for a Calico component the Tigera operator renders:
// the Installation's spec.<field>.spec.template.spec.affinity override
// (charts/tigera_operator), added whole behind a test of its absence, so an
// override the user wrote since (tolerations, resources) is never replaced.
// `merged` is the component's affinity with the requirement in it.
std::string installation_affinity_patch(std::string_view field, const model::Affinity& merged);

}  // namespace hybridctl::fix
