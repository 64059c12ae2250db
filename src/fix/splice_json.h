// The JSON half of the splicer: applies JSON patch operations to a JSON
// text by rewriting only the member or item an operation touches, in the
// file's own layout (kubectl's four-space pretty print, or compact), and
// leaves every other byte alone. Proving the result is splice_file's job.
#pragma once

#include <string>
#include <vector>

#include "core/value.h"
#include "fix/splice_patch.h"

namespace hybridctl::fix {

// Applies `op` to `text` (one JSON value) whose data is `doc` (before
// `op`), at the object found at `object_path` inside it. False (with why)
// leaves `text` unchanged.
bool splice_json_op(std::string& text, const Value& doc, const std::vector<std::string>& object_path, const PatchOp& op,
                    std::string& error);

}  // namespace hybridctl::fix
