// RFC 6902 JSON patches applied to a Value, the data side of the splicer:
// the patched object is computed here first, and the text edit is only
// accepted when the re-parsed text equals it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/value.h"

namespace hybridctl::fix {

struct PatchOp {
  std::string op;                 // add, remove, replace, test (move and copy are refused)
  std::vector<std::string> path;  // unescaped reference tokens
  Value value;                    // for add, replace, test
};

// Parses a JSON patch document (an array of operations). On failure
// returns false and says why in `error`.
bool parse_json_patch(std::string_view patch_json, std::vector<PatchOp>& ops, std::string& error);

// Splits a JSON pointer into unescaped tokens ("~1" is "/", "~0" is "~").
bool split_json_pointer(std::string_view pointer, std::vector<std::string>& tokens);

// Applies one operation as kubectl (evanphx/json-patch) does: `add` creates
// or replaces a member and inserts into a list ("-" appends), `replace` and
// `remove` need the target to exist, `test` compares by value. False (with
// the reason) leaves `doc` unchanged.
bool apply_patch_op(Value& doc, const PatchOp& op, std::string& error);

// Whether two trees hold the same data (offsets and scalar spelling of
// null and booleans ignored; numbers compared by their token).
bool same_data(const Value& a, const Value& b);

// The member of an object or the item of an array that `token` names, or
// nullptr (for arrays: a decimal index in range).
const Value* child(const Value& v, std::string_view token);
Value* child(Value& v, std::string_view token);

// Parses a JSON array index token; false for "-", leading zeros, junk.
bool parse_index(std::string_view token, size_t& index);

}  // namespace hybridctl::fix
