// The one way hybridctl changes required node affinity: add a requirement
// to every existing nodeSelectorTerm (or create the single term), never
// replacing a user's atomic lists.
#pragma once

#include <string>
#include <vector>

#include "core/json_writer.h"
#include "fix/fix_intent.h"
#include "fix/scheduling_json.h"

namespace hybridctl::fix {

// The spec with the requirement merged in (what applying the fix yields).
model::PodSpec with_required_node_affinity(const model::PodSpec& spec, const model::Requirement& requirement);

// The intent of adding `requirement` to workload `w`'s pod template (the
// manager's values keys, patchability and cluster name left to the caller).
RequireNodeAffinity require_node_affinity(const model::Workload& w, const model::Requirement& requirement);

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
