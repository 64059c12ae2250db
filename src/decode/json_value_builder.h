// simdjson on-demand → Value, with byte offsets; shared by the streamed and
// the in-memory JSON paths.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/value.h"
#include "decode/skipped_fields.h"

namespace hybridctl::decode {

class JsonValueBuilder {
 public:
  // Parses `text` (one JSON value) whose first byte is at `file_offset`.
  // `scope` says where the value sits in an object, so that fields no rule
  // reads are validated but not built (see skipped_fields.h).
  // On failure returns false and sets `error` and `error_offset` (a file offset).
  bool parse(std::string_view text, uint64_t file_offset, Value& out, std::string& error,
             uint64_t& error_offset, FieldScope scope = FieldScope::Other);

 private:
  std::vector<char> padded_;
};

}  // namespace hybridctl::decode
