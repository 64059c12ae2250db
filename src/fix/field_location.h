// Where the field a rendered patch targets was read (model/field_positions.h),
// in the words a user jumps to, and whether a file still holds it there:
// `fix --write` refuses to splice a file changed since it was read.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "fix/object_origins.h"
#include "fix/render.h"
#include "model/snapshot.h"

namespace hybridctl::fix {

struct FieldLocation {
  std::string source;  // the file (Snapshot::files)
  model::FieldPosition position;
  std::string field;     // the JSON pointer the patch targets
  std::string recorded;  // the pointer recorded at `position`: `field`, or its nearest recorded ancestor
  bool exact = false;    // false: `field` is absent, `position` is where it would be added

  // "deploy.yaml:14:9"
  std::string place() const;
  // "spec.template.spec.affinity" (member names with '.' or '/' in brackets)
  std::string field_name() const;
  // "deploy.yaml:14:9 spec.template.spec.affinity"; for an absent member
  // "deploy.yaml:12:7 spec.template.spec (affinity is added there)".
  std::string text() const;
};

// The field `pointer` of the object read at `object`, or its nearest recorded
// ancestor; nullopt when the object was not read from a source or records none.
std::optional<FieldLocation> locate_field(const model::Snapshot& snapshot, const model::Origin& object,
                                          std::string_view pointer);

// The same for a rendered patch: at `known` (the finding's own object), else
// where an object of the patch target's identity was read.
std::optional<FieldLocation> locate_patch_field(const model::Snapshot& snapshot, const ObjectOrigins& origins,
                                                const RenderedPatch& patch, const model::Origin& known);

// The text() of the first of a finding's patches whose field was read from a
// file (not stdin); "" when none.
std::string first_field_location(const model::Snapshot& snapshot, const ObjectOrigins& origins,
                                 const rules::Finding& finding, const std::vector<RenderedPatch>& patches);

// Whether `text` (the file as it is now) still holds the recorded member's
// key at its offset; false: the file changed since it was read.
bool still_in_place(std::string_view text, const FieldLocation& location);

}  // namespace hybridctl::fix
