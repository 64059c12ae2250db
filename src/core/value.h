// An owned document tree, the common output of the YAML and JSON readers and
// the only input of the object decoders, so that one decoder serves both
// formats. Every node remembers the byte offset where it starts so that
// errors and findings can point at file:line:col.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace hybridctl {

class Value {
 public:
  // Scalars keep their text; `Bool`, `Number` and `Null` are what a JSON token
  // or an untagged plain YAML scalar resolves to under the YAML 1.2 core schema.
  enum class Kind : uint8_t { Null, Bool, Number, String, Array, Object };
  using Member = std::pair<std::string, Value>;

  Value() = default;
  static Value scalar(Kind kind, std::string text, uint64_t offset) {
    Value v;
    v.kind_ = kind;
    v.text_ = std::move(text);
    v.offset_ = offset;
    return v;
  }
  static Value array(uint64_t offset) {
    Value v;
    v.kind_ = Kind::Array;
    v.offset_ = offset;
    return v;
  }
  static Value object(uint64_t offset) {
    Value v;
    v.kind_ = Kind::Object;
    v.offset_ = offset;
    return v;
  }

  Kind kind() const { return kind_; }
  bool is_null() const { return kind_ == Kind::Null; }
  bool is_object() const { return kind_ == Kind::Object; }
  bool is_array() const { return kind_ == Kind::Array; }
  bool is_scalar() const { return kind_ != Kind::Array && kind_ != Kind::Object; }
  bool is_string() const { return kind_ == Kind::String; }
  uint64_t offset() const { return offset_; }
  // Where the member's key starts, for a value that is an object member (the
  // readers set it; field positions record it). Other values: offset().
  uint64_t key_offset() const { return offset_ - key_gap_; }
  void set_key_offset(uint64_t key_offset) {
    // A key a value is more than 4 GB away from (or after it) is not
    // something a reader produces: it falls back to the value's offset.
    uint64_t gap = offset_ - key_offset;
    key_gap_ = key_offset <= offset_ && gap <= UINT32_MAX ? static_cast<uint32_t>(gap) : 0;
  }
  // Scalar text (for strings the unescaped value, for numbers and bools the token).
  const std::string& text() const { return text_; }

  // Object members in document order; array elements.
  const std::vector<Member>& members() const { return members_; }
  std::vector<Member>& members() { return members_; }
  const std::vector<Value>& items() const { return items_; }
  std::vector<Value>& items() { return items_; }

  // The member named `key`, or nullptr (also when this is not an object).
  const Value* get(std::string_view key) const;
  // Follows a path of member names: v.at({"spec", "template", "spec"}).
  const Value* at(std::initializer_list<std::string_view> path) const;

  // Turns this value, whatever it held, into a scalar or a container where
  // it is: readers fill a tree's values in place instead of moving a
  // temporary into each of millions of them. A container keeps the children
  // it had of its kind, for the reader to overwrite and trim (the List
  // reader rebuilds each item in the previous item's tree, whose strings
  // and lists then need no new memory).
  void become_scalar(Kind kind, std::string_view text, uint64_t offset) {
    kind_ = kind;
    text_.assign(text);
    offset_ = offset;
    key_gap_ = 0;
    members_.clear();
    items_.clear();
  }
  void become_container(Kind kind, uint64_t offset) {
    kind_ = kind;
    offset_ = offset;
    key_gap_ = 0;
    text_.clear();
    if (kind == Kind::Object) {
      items_.clear();
    } else {
      members_.clear();
    }
  }

  void add_member(std::string key, Value v) { members_.emplace_back(std::move(key), std::move(v)); }
  void add_item(Value v) { items_.push_back(std::move(v)); }
  void set_offset(uint64_t offset) {
    offset_ = offset;
    key_gap_ = 0;
  }

  static std::string_view kind_name(Kind kind);

 private:
  Kind kind_ = Kind::Null;
  uint32_t key_gap_ = 0;  // offset_ - key_offset(); in the padding after kind_, so a Value grows by nothing
  uint64_t offset_ = 0;
  std::string text_;
  std::vector<Member> members_;
  std::vector<Value> items_;
};

// Serialises a Value as compact JSON (numbers and bools unquoted).
std::string to_json(const Value& v);

}  // namespace hybridctl
