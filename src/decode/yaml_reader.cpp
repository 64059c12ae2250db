#include "decode/yaml_reader.h"

#include <libfyaml.h>

#include <algorithm>
#include <cctype>
#include <memory>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include "core/utf8.h"
#include "decode/fyaml_parser.h"
#include "decode/skipped_fields.h"
#include "decode/yaml_stream_split.h"

namespace hybridctl::decode {
namespace {

// Alias expansion beyond this many nodes per file is an alias bomb.
constexpr size_t kMaxAliasNodes = 1'000'000;

size_t count_nodes(const Value& v) {
  size_t n = 1;
  for (const auto& m : v.members()) n += count_nodes(m.second);
  for (const auto& i : v.items()) n += count_nodes(i);
  return n;
}

std::string_view token_text(fy_token* t) {
  if (!t) return {};
  size_t len = 0;
  const char* s = fy_token_get_text(t, &len);
  return s ? std::string_view(s, len) : std::string_view();
}

struct Frame {
  Value value;
  std::string anchor;
  bool have_key = false;
  std::string key;
  std::vector<Value> merges;                              // sources of `<<` merge keys, applied at mapping end
  std::unique_ptr<std::unordered_set<std::string>> seen;  // built once a mapping grows large
  FieldScope scope = FieldScope::Object;                  // where this node sits (skipped_fields.h)
};

class YamlBuilder {
 public:
  // `text` is the part of the file being parsed, starting at `base` (file
  // offset) on line/column `start`.
  YamlBuilder(uint32_t file_id, const std::string& path, std::string_view text, uint64_t base, LineCol start,
              const DocumentSink& sink)
      : text_(text),
        sink_(sink),
        base_(base),
        // An anchor inside a skipped field could be aliased from a field we
        // keep: skip nothing in a part that has anchors at all.
        may_skip_(text.find('&') == std::string_view::npos) {
    ctx_.file_id = file_id;
    ctx_.path = &path;
    ctx_.lines = &lines_;
    lines_.reset(text, base, start);
  }

  // Returns an error message, or empty when the event was absorbed.
  std::string on_event(fy_event* e) {
    if (skip_depth_ >= 0) return skip(e);
    switch (e->type) {
      case FYET_DOCUMENT_START:
        stack_.clear();
        anchors_.clear();
        return {};
      case FYET_MAPPING_START:
        return open(Value::object(event_offset(e)), token_text(e->mapping_start.anchor));
      case FYET_SEQUENCE_START:
        return open(Value::array(event_offset(e)), token_text(e->sequence_start.anchor));
      case FYET_MAPPING_END:
      case FYET_SEQUENCE_END:
        return close();
      case FYET_SCALAR:
        if (awaits_key() && !e->scalar.anchor) return place_key(e);
        return place(make_scalar(e), token_text(e->scalar.anchor));
      case FYET_ALIAS:
        return alias(e);
      default:
        return {};
    }
  }
  uint64_t last_offset() const { return last_offset_; }

 private:
  uint64_t event_offset(fy_event* e) const {
    const fy_mark* m = fy_event_start_mark(e);
    return base_ + (m ? static_cast<uint64_t>(m->input_pos) : 0);
  }

  Value::Kind scalar_kind(fy_event* e, std::string_view text) {
    std::string_view tag = token_text(e->scalar.tag);
    Value::Kind kind = Value::Kind::String;
    if (!tag.empty() && tag != "!") {
      if (tag.ends_with("int") || tag.ends_with("float"))
        kind = Value::Kind::Number;
      else if (tag.ends_with("bool"))
        kind = Value::Kind::Bool;
      else if (tag.ends_with("null"))
        kind = Value::Kind::Null;
    } else if (fy_token_scalar_style(e->scalar.value) == FYSS_PLAIN && tag.empty()) {
      kind = resolve_plain_scalar(text);
    }
    return kind;
  }

  Value make_scalar(fy_event* e) {
    uint64_t offset = event_offset(e);
    std::string_view text = token_text(e->scalar.value);
    Value::Kind kind = scalar_kind(e, text);
    std::string s(text);
    if (kind == Value::Kind::Bool) s = (s[0] == 't' || s[0] == 'T') ? "true" : "false";
    return Value::scalar(kind, std::move(s), offset);
  }

  // True when the next node is a key of the mapping being built.
  bool awaits_key() const { return !stack_.empty() && stack_.back().value.is_object() && !stack_.back().have_key; }

  // A scalar key, taken straight from the token: half of all scalars are
  // keys, and building a Value for each only to copy its text cost a tenth
  // of the read. The text is the one make_scalar would give.
  std::string place_key(fy_event* e) {
    last_offset_ = event_offset(e);
    std::string_view text = token_text(e->scalar.value);
    // `!!bool` forces the kind even on empty text: never read text[0] of "".
    if (scalar_kind(e, text) == Value::Kind::Bool)
      text = (!text.empty() && (text[0] == 't' || text[0] == 'T')) ? "true" : "false";
    set_key(std::string(text));
    return {};
  }

  void set_key(std::string key) {
    Frame& top = stack_.back();
    top.key = std::move(key);
    top.have_key = true;
    if (may_skip_) {
      bool skip;
      member_scope(top.scope, top.key, skip);
      if (skip) skip_depth_ = 0;  // the value's events are consumed by skip()
    }
  }

  std::string open(Value v, std::string_view anchor) {
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
  FieldScope child_scope() const {
    if (stack_.empty()) return FieldScope::Object;
    const Frame& top = stack_.back();
    if (top.value.is_array()) return element_scope(top.scope);
    bool skip;
    return member_scope(top.scope, top.key, skip);
  }

  // Consumes the events of a value no rule reads (skipped_fields.h) without
  // building it; nesting is still bounded and aliases still checked.
  std::string skip(fy_event* e) {
    switch (e->type) {
      case FYET_MAPPING_START:
      case FYET_SEQUENCE_START:
        last_offset_ = event_offset(e);
        if (stack_.size() + static_cast<size_t>(++skip_depth_) > static_cast<size_t>(kMaxNestingDepth)) {
          return "nesting deeper than " + std::to_string(kMaxNestingDepth) + " levels";
        }
        return {};
      case FYET_MAPPING_END:
      case FYET_SEQUENCE_END:
        --skip_depth_;
        break;
      case FYET_ALIAS: {
        last_offset_ = event_offset(e);
        std::string name(token_text(e->alias.anchor));
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

  std::string close() {
    Frame f = std::move(stack_.back());
    stack_.pop_back();
    for (Value& src : f.merges) merge_into(f.value, src);
    return place(std::move(f.value), f.anchor);
  }

  // `<<: *base` copies the members the mapping does not define itself.
  static void merge_into(Value& target, const Value& src) {
    if (src.is_array()) {
      for (const Value& item : src.items()) merge_into(target, item);
      return;
    }
    if (!src.is_object()) return;
    for (const auto& [k, v] : src.members()) {
      if (!target.get(k)) target.add_member(k, v);
    }
  }

  std::string alias(fy_event* e) {
    last_offset_ = event_offset(e);
    std::string name(token_text(e->alias.anchor));
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

  std::string place(Value v, std::string_view anchor) {
    last_offset_ = v.offset();
    if (!anchor.empty()) {
      size_t n = count_nodes(v);
      anchors_[std::string(anchor)] = {v, n};
    }
    if (stack_.empty()) {
      emit_document(std::move(v));
      return {};
    }
    Frame& top = stack_.back();
    if (top.value.is_array()) {
      top.value.add_item(std::move(v));
      return {};
    }
    if (!top.have_key) {
      if (!v.is_scalar()) return "a mapping key must be a plain value, not a list or mapping";
      set_key(v.text());
      return {};
    }
    top.have_key = false;
    if (top.key == "<<") {
      top.merges.push_back(std::move(v));
      return {};
    }
    if (is_duplicate(top)) return "duplicate mapping key \"" + top.key + "\"";
    top.value.add_member(std::move(top.key), std::move(v));
    return {};
  }

  static bool is_duplicate(Frame& f) {
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

  void emit_document(Value v) {
    if (v.is_null()) return;  // an empty or comment-only document
    sink_(std::move(v), ctx_);
  }

  std::string_view text_;
  const DocumentSink& sink_;
  uint64_t base_;
  bool may_skip_;
  int skip_depth_ = -1;  // >= 0 while a skipped value is consumed: its open containers
  DocumentContext ctx_;
  LineCounter lines_;
  std::vector<Frame> stack_;
  std::unordered_map<std::string, std::pair<Value, size_t>> anchors_;
  size_t alias_nodes_ = 0;
  uint64_t last_offset_ = 0;
};

// The core schema's number patterns, matched by hand (std::regex cost more
// than the YAML parse itself on IP addresses and versions):
// [-+]?[0-9]+ | 0o[0-7]+ | 0x[0-9a-fA-F]+ | [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?
// | [-+]?\.(inf|Inf|INF) | \.(nan|NaN|NAN)
bool is_core_schema_number(std::string_view s) {
  auto all_of = [](std::string_view t, auto pred) {
    if (t.empty()) return false;
    for (char ch : t) {
      if (!pred(static_cast<unsigned char>(ch))) return false;
    }
    return true;
  };
  auto digits_at = [&s](size_t i) {
    size_t n = 0;
    while (i + n < s.size() && s[i + n] >= '0' && s[i + n] <= '9') ++n;
    return n;
  };
  if (s.starts_with("0o") && all_of(s.substr(2), [](unsigned char ch) { return ch >= '0' && ch <= '7'; })) return true;
  if (s.starts_with("0x") && all_of(s.substr(2), [](unsigned char ch) { return std::isxdigit(ch) != 0; })) return true;
  if (s == ".nan" || s == ".NaN" || s == ".NAN") return true;
  size_t i = (s[0] == '-' || s[0] == '+') ? 1 : 0;
  std::string_view rest = s.substr(i);
  if (rest == ".inf" || rest == ".Inf" || rest == ".INF") return true;
  size_t int_digits = digits_at(i);
  i += int_digits;
  if (int_digits == 0) {  // only \.[0-9]+ may start without a digit
    if (i >= s.size() || s[i] != '.') return false;
    size_t frac = digits_at(i + 1);
    if (frac == 0) return false;
    i += 1 + frac;
  } else if (i < s.size() && s[i] == '.') {
    i += 1 + digits_at(i + 1);
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
    size_t exp = digits_at(i);
    if (exp == 0) return false;
    i += exp;
  }
  return i == s.size();
}

}  // namespace

Value::Kind resolve_plain_scalar(std::string_view s) {
  if (s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL") return Value::Kind::Null;
  if (s == "true" || s == "True" || s == "TRUE" || s == "false" || s == "False" || s == "FALSE") {
    return Value::Kind::Bool;
  }
  // YAML 1.2 core schema numbers: [-+]?[0-9]+, 0o[0-7]+, 0x[0-9a-fA-F]+, floats, .inf, .nan.
  char c = s[0];
  bool may_be_number = (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.';
  if (may_be_number && s.size() < 64 && is_core_schema_number(s)) return Value::Kind::Number;
  return Value::Kind::String;
}

namespace {

// Parses one part of a file: `part` starts at file offset `base`, on line/column `start`.
YamlReadResult read_yaml_part(std::string_view part, uint64_t base, LineCol start, uint32_t file_id,
                              const std::string& path, const DocumentSink& sink) {
  YamlReadResult result;
  // YAML is UTF-8 here (go-yaml, hence kubectl, refuses anything else), and
  // libfyaml 0.7.12 loops forever on invalid UTF-8 inside a `%` directive:
  // refuse such text before the parser sees it.
  if (size_t bad = first_invalid_utf8(part); bad != kValidUtf8) {
    LineCounter lines;
    lines.reset(part, base, start);
    result.ok = false;
    result.error = "invalid UTF-8 (YAML must be UTF-8 text)";
    result.error_at = lines.locate(base + bad);
    return result;
  }
  FyamlParser parser(part);
  if (!parser.ok()) {
    result.ok = false;
    result.error = "cannot start the YAML parser";
    return result;
  }

  YamlBuilder builder(file_id, path, part, base, start, sink);
  LineCounter lines;
  lines.reset(part, base, start);
  while (fy_event* e = parser.next()) {
    std::string err = builder.on_event(e);
    parser.release(e);
    if (!err.empty()) {
      result.ok = false;
      result.error = std::move(err);
      result.error_at = lines.locate(builder.last_offset());
      return result;
    }
  }
  if (parser.failed()) {
    result.ok = false;
    FyamlError error = parser.first_error();
    result.error = std::move(error.message);
    if (error.line > 0) {
      // libfyaml counts lines from the start of the part.
      result.error_at = LineCol{error.line + start.line - 1, error.column};
    } else {
      result.error_at = lines.locate(builder.last_offset());
    }
  }
  return result;
}

}  // namespace

YamlReadResult read_yaml(std::string_view text, uint32_t file_id, const std::string& path, const DocumentSink& sink) {
  return read_yaml_part(text, 0, LineCol{}, file_id, path, sink);
}

YamlReadResult read_yaml_parallel(std::string_view text, uint32_t file_id, const std::string& path,
                                  const std::function<DocumentSink()>& sinks, unsigned parts) {
  std::vector<size_t> starts = yaml_part_starts(text, parts);
  std::vector<DocumentSink> part_sinks;
  for (size_t i = 0; i < starts.size(); ++i) part_sinks.push_back(sinks());
  std::vector<YamlReadResult> results(starts.size());
  auto parse = [&](size_t i) {
    size_t begin = starts[i];
    size_t end = i + 1 < starts.size() ? starts[i + 1] : text.size();
    std::string_view before = text.substr(0, begin);
    LineCol start{static_cast<uint32_t>(1 + std::count(before.begin(), before.end(), '\n')), 1};
    results[i] = read_yaml_part(text.substr(begin, end - begin), begin, start, file_id, path, part_sinks[i]);
  };
  std::vector<std::thread> threads;
  for (size_t i = 1; i < starts.size(); ++i) threads.emplace_back(parse, i);
  parse(0);
  for (std::thread& t : threads) t.join();
  // The first error in file order is the one a sequential parse stops at.
  for (YamlReadResult& r : results) {
    if (!r.ok) return std::move(r);
  }
  return {};
}

}  // namespace hybridctl::decode
