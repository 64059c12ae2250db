#include "model/field_positions.h"

#include <algorithm>
#include <tuple>

namespace hybridctl::model {
namespace {

template <typename E>
auto order_key(const E& e) {
  return std::tie(e.file, e.object_line, e.object_column, e.pointer);
}

}  // namespace

uint32_t FieldPositions::intern(std::string_view pointer) {
  auto it = pointer_ids_.find(std::string(pointer));
  if (it != pointer_ids_.end()) return it->second;
  auto id = static_cast<uint32_t>(pointers_.size());
  pointers_.emplace_back(pointer);
  pointer_ids_.emplace(pointers_.back(), id);
  return id;
}

void FieldPositions::record(const Origin& object, std::string_view pointer, uint64_t key_offset, uint64_t value_offset,
                            uint32_t line, uint32_t column) {
  uint64_t gap = value_offset >= key_offset ? value_offset - key_offset : 0;
  entries_.push_back({object.file, object.line, object.column, intern(pointer), key_offset,
                      static_cast<uint32_t>(std::min<uint64_t>(gap, UINT32_MAX)), line, column});
  sorted_ = false;
}

void FieldPositions::absorb(FieldPositions&& other) {
  if (other.entries_.empty()) return;
  if (entries_.empty() && pointers_.empty()) {  // the first batch: its ids stay valid
    *this = std::move(other);
    other = FieldPositions();
    return;
  }
  std::vector<uint32_t> ids;
  ids.reserve(other.pointers_.size());
  for (const std::string& p : other.pointers_) ids.push_back(intern(p));
  for (Entry e : other.entries_) {
    e.pointer = ids[e.pointer];
    entries_.push_back(e);
  }
  sorted_ = false;
  other = FieldPositions();
}

void FieldPositions::finish() {
  if (sorted_) return;
  std::stable_sort(entries_.begin(), entries_.end(),
                   [](const Entry& a, const Entry& b) { return order_key(a) < order_key(b); });
  entries_.shrink_to_fit();
  sorted_ = true;
}

const FieldPositions::Entry* FieldPositions::lookup(const Origin& object, uint32_t pointer) const {
  auto wanted = std::tie(object.file, object.line, object.column, pointer);
  if (!sorted_) {  // before finish(): tests and callers that record and look up at once
    for (const Entry& e : entries_) {
      if (order_key(e) == wanted) return &e;
    }
    return nullptr;
  }
  auto it = std::lower_bound(entries_.begin(), entries_.end(), wanted,
                             [](const Entry& e, const auto& key) { return order_key(e) < key; });
  return it != entries_.end() && order_key(*it) == wanted ? &*it : nullptr;
}

std::optional<FieldPosition> FieldPositions::find(const Origin& object, std::string_view pointer) const {
  auto id = pointer_ids_.find(std::string(pointer));
  if (id == pointer_ids_.end()) return std::nullopt;
  const Entry* e = lookup(object, id->second);
  if (!e) return std::nullopt;
  return FieldPosition{e->file, e->key_offset, e->key_offset + e->value_gap, e->line, e->column};
}

std::optional<NearestField> FieldPositions::find_nearest(const Origin& object, std::string_view pointer) const {
  bool exact = true;
  while (!pointer.empty()) {
    auto id = pointer_ids_.find(std::string(pointer));
    if (id != pointer_ids_.end()) {
      if (const Entry* e = lookup(object, id->second)) {
        FieldPosition p{e->file, e->key_offset, e->key_offset + e->value_gap, e->line, e->column};
        return NearestField{p, pointers_[id->second], exact};
      }
    }
    pointer = pointer.substr(0, pointer.rfind('/'));
    exact = false;
  }
  return std::nullopt;
}

size_t FieldPositions::bytes() const {
  size_t n = entries_.capacity() * sizeof(Entry);
  for (const std::string& p : pointers_) n += sizeof(std::string) + p.capacity() + 2 * sizeof(void*);
  return n;
}

}  // namespace hybridctl::model
