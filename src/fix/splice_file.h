// The splicer (ARCHITECTURE.md), for one manifest file: applies JSON
// patches to the objects in it as data, writes each change into the text
// in the file's own style (splice_yaml / splice_json), and keeps the result
// only when the re-parsed text equals the patched data, document by
// document and then as a whole file. Everything it cannot prove is refused
// with the reason, and the text is left as it was.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "model/object_meta.h"

namespace hybridctl::fix {

struct SplicePatch {
  model::ObjectRef target;
  uint32_t line = 0;  // the object's Origin line (tells apart objects of one identity); 0: unknown
  std::string patch;  // an RFC 6902 JSON patch
};

struct SpliceRefusal {
  size_t patch = 0;  // index into the patches
  std::string reason;
};

struct SpliceOutcome {
  std::string text;             // the new text; the old one when nothing was applied
  std::vector<size_t> applied;  // indexes of the patches written
  std::vector<SpliceRefusal> refused;
};

// Whether the text is read as JSON (its first non-blank byte opens an object or array).
bool looks_like_json(std::string_view text);

SpliceOutcome splice_file(std::string_view text, const std::vector<SplicePatch>& patches);

}  // namespace hybridctl::fix
