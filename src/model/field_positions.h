// Where the fields a fix can target were read, for `fix --write`, messages
// and the fix script: (object, JSON pointer) → (source, byte offset of the
// member's key and of its value, the key's line:column).
//
// Decisions:
// - An object is named by its Origin (source id, line, column): unique in a
//   source, stable when objects are absorbed, merged or dropped as duplicates
//   (an index into a kind's vector is not).
// - Only members present in the document are recorded, with the containers
//   an `add` would go into (/spec, /spec/template/spec, /metadata/labels...):
//   find() answers the member, find_nearest() the member or else its nearest
//   recorded ancestor, saying which (decode/field_positions_recorder.h lists
//   the fields).
// - A source is a file, stdin or a `--live` page (its display name in
//   Snapshot::files, offsets counted in the page's bytes), exactly as for
//   objects: nothing downstream needs to know which.
// - Line and column are taken at decode time, while the bytes are in memory,
//   as Origin is: renderers stay pure and stdin cannot be read twice. It costs
//   8 of an entry's 40 bytes; entries exist only for the few kinds fixes
//   target, so the table is a fraction of a percent of the model.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "model/object_meta.h"

namespace hybridctl::model {

struct FieldPosition {
  uint32_t file = UINT32_MAX;  // an index into Snapshot::files (the object's)
  uint64_t key_offset = 0;     // the member's key: where a message points, what a splice checks
  uint64_t value_offset = 0;   // the member's value
  uint32_t line = 0;           // of the key, 1-based
  uint32_t column = 0;
};

struct NearestField {
  FieldPosition position;
  std::string_view pointer;  // the recorded pointer: the one asked for, or an ancestor of it
  bool exact = false;        // false: the member is absent, `position` is its nearest recorded ancestor's
};

class FieldPositions {
 public:
  // Records member `pointer` of the object read at `object`.
  void record(const Origin& object, std::string_view pointer, uint64_t key_offset, uint64_t value_offset, uint32_t line,
              uint32_t column);
  // Moves `other`'s entries in (another batch's or file's table).
  void absorb(FieldPositions&& other);
  // Sorts for lookups; call after the last record/absorb (Snapshot::build_indexes does).
  void finish();

  std::optional<FieldPosition> find(const Origin& object, std::string_view pointer) const;
  std::optional<NearestField> find_nearest(const Origin& object, std::string_view pointer) const;

  size_t size() const { return entries_.size(); }
  // Heap bytes held (entries and interned pointers), for the memory guard.
  size_t bytes() const;

 private:
  struct Entry {
    uint32_t file;
    uint32_t object_line;
    uint32_t object_column;
    uint32_t pointer;  // into pointers_
    uint64_t key_offset;
    uint32_t value_gap;  // value_offset - key_offset
    uint32_t line;
    uint32_t column;
  };
  uint32_t intern(std::string_view pointer);
  const Entry* lookup(const Origin& object, uint32_t pointer) const;

  std::vector<Entry> entries_;
  // Interned pointers: a few dozen distinct ones over any cluster (label,
  // annotation and ConfigMap keys included), so an entry holds 4 bytes.
  std::vector<std::string> pointers_;
  std::unordered_map<std::string, uint32_t> pointer_ids_;
  bool sorted_ = true;
};

}  // namespace hybridctl::model
