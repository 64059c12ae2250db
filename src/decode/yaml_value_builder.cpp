#include "decode/yaml_value_builder.h"

#include "decode/yaml_reader.h"

namespace hybridctl::decode {
namespace {

// Alias expansion beyond this many nodes per file part is an alias bomb.
constexpr size_t kMaxAliasNodes = 1'000'000;

size_t count_nodes(const Value& v) {
  size_t n = 1;
  for (const auto& m : v.members()) n += count_nodes(m.second);
  for (const auto& i : v.items()) n += count_nodes(i);
  return n;
}

}  // namespace

YamlValueBuilder::YamlValueBuilder(uint32_t file_id, const std::string& path, std::string_view text, uint64_t base,
                                   LineCol start, const DocumentSink& sink)
    : sink_(sink), base_(base) {
  ctx_.file_id = file_id;
  ctx_.path = &path;
  ctx_.lines = &lines_;
  lines_.reset(text, base, start);
}

void YamlValueBuilder::start_document(bool may_skip) {
  may_skip_ = may_skip;
  skip_depth_ = -1;
  stack_.clear();
  anchors_.clear();
  done_.clear();
}

bool YamlValueBuilder::on_event(const YamlEvent& event) {
  YamlEvent e = event;
  if (e.offset == kNoPosition) {
    e.offset = last_position_;
  } else if (e.type != YamlEventType::MappingEnd && e.type != YamlEventType::SequenceEnd) {
    last_position_ = e.offset;
  }
  error_ = absorb(e);
  return error_.empty();
}

void YamlValueBuilder::flush() {
  for (Value& v : done_) sink_(std::move(v), ctx_);
  done_.clear();
}

std::string YamlValueBuilder::absorb(const YamlEvent& e) {
  if (skip_depth_ >= 0) return skip(e);
  switch (e.type) {
    case YamlEventType::DocumentStart:
      skip_depth_ = -1;
      stack_.clear();
      anchors_.clear();
      return {};
    case YamlEventType::MappingStart:
      return open(Value::object(base_ + e.offset), e.anchor);
    case YamlEventType::SequenceStart:
      return open(Value::array(base_ + e.offset), e.anchor);
    case YamlEventType::MappingEnd:
    case YamlEventType::SequenceEnd:
      return close();
    case YamlEventType::Scalar:
      if (awaits_key() && e.anchor.empty()) return place_key(e);
      return place(make_scalar(e), e.anchor);
    case YamlEventType::Alias:
      return alias(e);
    case YamlEventType::Other:
      return {};
  }
  return {};
}

Value::Kind YamlValueBuilder::scalar_kind(const YamlEvent& e) const {
  std::string_view tag = e.tag;
  Value::Kind kind = Value::Kind::String;
  if (!tag.empty() && tag != "!") {
    if (tag.ends_with("int") || tag.ends_with("float"))
      kind = Value::Kind::Number;
    else if (tag.ends_with("bool"))
      kind = Value::Kind::Bool;
    else if (tag.ends_with("null"))
      kind = Value::Kind::Null;
  } else if (e.plain && tag.empty()) {
    kind = resolve_plain_scalar(e.text);
  }
  return kind;
}

Value YamlValueBuilder::make_scalar(const YamlEvent& e) {
  Value::Kind kind = scalar_kind(e);
  std::string s(e.text);
  if (kind == Value::Kind::Bool) s = (!s.empty() && (s[0] == 't' || s[0] == 'T')) ? "true" : "false";
  return Value::scalar(kind, std::move(s), base_ + e.offset);
}

// A scalar key, taken straight from the event: half of all scalars are
// keys, and building a Value for each only to copy its text cost a tenth
// of the read. The text is the one make_scalar would give.
std::string YamlValueBuilder::place_key(const YamlEvent& e) {
  last_offset_ = base_ + e.offset;
  std::string_view text = e.text;
  // `!!bool` forces the kind even on empty text: never read text[0] of "".
  if (scalar_kind(e) == Value::Kind::Bool)
    text = (!text.empty() && (text[0] == 't' || text[0] == 'T')) ? "true" : "false";
  set_key(std::string(text), base_ + e.offset);
  return {};
}

void YamlValueBuilder::set_key(std::string key, uint64_t offset) {
  Frame& top = stack_.back();
  top.key = std::move(key);
  top.key_offset = offset;
  top.have_key = true;
  if (may_skip_) {
    bool skip;
    member_scope(top.scope, top.key, skip);
    if (skip) skip_depth_ = 0;  // the value's events are consumed by skip()
  }
}

std::string YamlValueBuilder::open(Value v, std::string_view anchor) {
  last_offset_ = v.offset();
  if (!stack_.empty() && stack_.back().value.is_object() && !stack_.back().have_key) {
    return "a mapping key must be a plain value, not a list or mapping";
  }
  if (stack_.size() >= static_cast<size_t>(kMaxNestingDepth)) {
    return "nesting deeper than " + std::to_string(kMaxNestingDepth) + " levels";
  }
  Frame f;
  f.value = std::move(v);
  f.anchor = std::string(anchor);
  f.scope = child_scope();
  stack_.push_back(std::move(f));
  return {};
}

// The scope of the node about to be placed in the top frame.
FieldScope YamlValueBuilder::child_scope() const {
  if (stack_.empty()) return FieldScope::Object;
  const Frame& top = stack_.back();
  if (top.value.is_array()) return element_scope(top.scope);
  bool skip;
  return member_scope(top.scope, top.key, skip);
}

// Consumes the events of a value no rule reads (skipped_fields.h) without
// building it; nesting is still bounded and aliases still checked.
std::string YamlValueBuilder::skip(const YamlEvent& e) {
  switch (e.type) {
    case YamlEventType::MappingStart:
    case YamlEventType::SequenceStart:
      last_offset_ = base_ + e.offset;
      if (stack_.size() + static_cast<size_t>(++skip_depth_) > static_cast<size_t>(kMaxNestingDepth)) {
        return "nesting deeper than " + std::to_string(kMaxNestingDepth) + " levels";
      }
      return {};
    case YamlEventType::MappingEnd:
    case YamlEventType::SequenceEnd:
      --skip_depth_;
      break;
    case YamlEventType::Alias: {
      last_offset_ = base_ + e.offset;
      std::string name(e.text);
      if (!anchors_.count(name)) return "unknown alias *" + name;
      break;
    }
    default:
      break;
  }
  if (skip_depth_ == 0) {  // the skipped value is complete
    skip_depth_ = -1;
    stack_.back().have_key = false;
  }
  return {};
}

std::string YamlValueBuilder::close() {
  Frame f = std::move(stack_.back());
  stack_.pop_back();
  for (Value& src : f.merges) merge_into(f.value, src);
  return place(std::move(f.value), f.anchor);
}

// `<<: *base` copies the members the mapping does not define itself.
void YamlValueBuilder::merge_into(Value& target, const Value& src) {
  if (src.is_array()) {
    for (const Value& item : src.items()) merge_into(target, item);
    return;
  }
  if (!src.is_object()) return;
  for (const auto& [k, v] : src.members()) {
    if (!target.get(k)) target.add_member(k, v);
  }
}

std::string YamlValueBuilder::alias(const YamlEvent& e) {
  last_offset_ = base_ + e.offset;
  std::string name(e.text);
  auto it = anchors_.find(name);
  if (it == anchors_.end()) return "unknown alias *" + name;
  alias_nodes_ += it->second.second;
  if (alias_nodes_ > kMaxAliasNodes) {
    return "aliases expand to more than " + std::to_string(kMaxAliasNodes) + " nodes (an alias bomb?)";
  }
  Value copy = it->second.first;
  copy.set_offset(last_offset_);
  return place(std::move(copy), {});
}

std::string YamlValueBuilder::place(Value v, std::string_view anchor) {
  last_offset_ = v.offset();
  if (!anchor.empty()) {
    size_t n = count_nodes(v);
    anchors_[std::string(anchor)] = {v, n};
  }
  if (stack_.empty()) {
    if (!v.is_null()) done_.push_back(std::move(v));  // not an empty or comment-only document
    return {};
  }
  Frame& top = stack_.back();
  if (top.value.is_array()) {
    top.value.add_item(std::move(v));
    return {};
  }
  if (!top.have_key) {
    if (!v.is_scalar()) return "a mapping key must be a plain value, not a list or mapping";
    set_key(v.text(), v.offset());
    return {};
  }
  top.have_key = false;
  if (top.key == "<<") {
    top.merges.push_back(std::move(v));
    return {};
  }
  if (is_duplicate(top)) return "duplicate mapping key \"" + top.key + "\"";
  top.value.add_member(std::move(top.key), std::move(v));
  top.value.members().back().second.set_key_offset(top.key_offset);
  return {};
}

bool YamlValueBuilder::is_duplicate(Frame& f) {
  auto& members = f.value.members();
  if (!f.seen && members.size() < 32) {
    for (const auto& m : members) {
      if (m.first == f.key) return true;
    }
    return false;
  }
  if (!f.seen) {
    f.seen = std::make_unique<std::unordered_set<std::string>>();
    for (const auto& m : members) f.seen->insert(m.first);
  }
  return !f.seen->insert(f.key).second;
}

}  // namespace hybridctl::decode
