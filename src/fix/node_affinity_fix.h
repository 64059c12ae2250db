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

// RFC 6902 operations (as a JSON array) for the intent: `test` guards on
// what the patch relies on, then `add`s under the template path.
std::string json_patch(const RequireNodeAffinity& intent);

}  // namespace hybridctl::fix
