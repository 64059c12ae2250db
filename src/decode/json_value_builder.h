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

// Bytes that must be readable after a text handed to parse_in_place
// (simdjson's SIMDJSON_PADDING, checked where simdjson is included).
inline constexpr size_t kJsonPadding = 64;

// Whether an object member's value records where its key starts
// (Value::key_offset). Only the field-position table reads it (what `fix`
// loads with), and finding each key costs about 2% of decoding a List.
enum class KeyOffsets : bool { Skip, Record };

class JsonValueBuilder {
 public:
  explicit JsonValueBuilder(KeyOffsets key_offsets = KeyOffsets::Record) : key_offsets_(key_offsets) {}

  // Parses `text` (one JSON value) whose first byte is at `file_offset`.
  // `scope` says where the value sits in an object, so that fields no rule
  // reads are validated but not built (see skipped_fields.h).
  // On failure returns false and sets `error` and `error_offset` (a file offset).
  // `out` is overwritten where it lies: a caller that parses many similar
  // values into the same Value (a List's items) reuses its memory.
  bool parse(std::string_view text, uint64_t file_offset, Value& out, std::string& error, uint64_t& error_offset,
             FieldScope scope = FieldScope::Other);
  // The same without copying `text`: the kJsonPadding bytes after it must be
  // readable (the rest of a batch, or padding appended to it); their content
  // does not matter.
  bool parse_in_place(std::string_view text, uint64_t file_offset, Value& out, std::string& error,
                      uint64_t& error_offset, FieldScope scope = FieldScope::Other);

 private:
  bool parse_padded(const char* data, size_t size, size_t capacity, uint64_t file_offset, Value& out,
                    std::string& error, uint64_t& error_offset, FieldScope scope);

  KeyOffsets key_offsets_;
  std::vector<char> padded_;
};

}  // namespace hybridctl::decode
