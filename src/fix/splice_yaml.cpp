#include "fix/splice_yaml.h"

#include <algorithm>

#include "core/json_writer.h"
#include "decode/yaml_reader.h"
#include "fix/splice_yaml_lines.h"

namespace hybridctl::fix {
namespace {

// Where a value sits in the text.
struct Span {
  enum class Kind { Mapping, Sequence, Inline, Empty } kind = Kind::Empty;
  size_t begin = 0;   // first entry (blocks), first byte (inline), or just after ':' / '-' (empty)
  size_t end = 0;     // end of the value's last content line; for blocks the limit of their entries
  int indent = 0;     // blocks: the column of their entries
  int owner_col = 0;  // the column of the key or dash that holds this value
  bool owner_is_member = true;
  size_t after_indicator = 0;  // just past the owner's ':' or '-'
};

// The end of the content of the entry (member or item) starting at `begin`
// in column `col`: its last line that is not blank and not a comment of an
// outer level (those belong to what follows).
size_t entry_end(const YamlLines& L, size_t begin, int col, bool member, size_t limit) {
  std::string_view t = L.text();
  size_t end = L.end(begin);
  bool indentless = false, first_content = true;
  for (size_t p = L.next(begin); p < limit; p = L.next(p)) {
    if (L.blank(p)) continue;
    int ind = L.indent(p);
    if (L.comment(p)) {
      if (ind > col) end = L.end(p);
      continue;
    }
    size_t c = p + static_cast<size_t>(ind);
    if (ind > col) {
      end = L.end(p);
      first_content = false;
      continue;
    }
    if (ind == col && member && L.dash_at(c) && (first_content || indentless)) {
      indentless = true;
      first_content = false;
      end = L.end(p);
      continue;
    }
    break;
  }
  (void)t;
  return end;
}

// The entries of a block: the first at `first`, each next one the first
// content line after the previous entry, in the block's column.
bool block_entries(const YamlLines& L, const Span& block, std::vector<std::pair<size_t, size_t>>& out) {
  bool member = block.kind == Span::Kind::Mapping;
  size_t b = block.begin;
  while (true) {
    size_t e = entry_end(L, b, block.indent, member, block.end);
    out.emplace_back(b, e);
    size_t p = L.next(e);
    while (p < block.end && (L.blank(p) || L.comment(p))) p = L.next(p);
    if (p >= block.end) return true;
    if (L.indent(p) != block.indent) return false;
    b = p + static_cast<size_t>(block.indent);
    if (!member && !L.dash_at(b)) return false;
  }
}

// Reads the key of a mapping entry; `after` is set just past its ':'.
bool parse_key(std::string_view t, size_t b, size_t le, std::string& key, size_t& after) {
  key.clear();
  size_t p = b;
  if (p >= le) return false;
  if (t[p] == '"' || t[p] == '\'') {
    char q = t[p++];
    while (true) {
      if (p >= le) return false;
      if (q == '\'' && t[p] == '\'') {
        if (p + 1 < le && t[p + 1] == '\'') {
          key += '\'';
          p += 2;
          continue;
        }
        break;
      }
      if (q == '"' && t[p] == '"') break;
      if (q == '"' && t[p] == '\\') {
        if (p + 1 >= le || (t[p + 1] != '"' && t[p + 1] != '\\' && t[p + 1] != '/')) return false;
        key += t[p + 1];
        p += 2;
        continue;
      }
      key += t[p++];
    }
    ++p;
    while (p < le && t[p] == ' ') ++p;
    if (p >= le || t[p] != ':') return false;
  } else {
    if (t[p] == '?' || t[p] == '-' || t[p] == '{' || t[p] == '[') return false;
    while (p < le && !(t[p] == ':' && (p + 1 == le || t[p + 1] == ' '))) {
      if (t[p] == '#' && p > b && t[p - 1] == ' ') return false;
      ++p;
    }
    if (p >= le) return false;
    size_t k = p;
    while (k > b && t[k - 1] == ' ') --k;
    key.assign(t.substr(b, k - b));
  }
  after = p + 1;
  return true;
}

// The end of a one-line scalar starting at `p` (before a trailing comment).
size_t scalar_end(std::string_view t, size_t p, size_t le) {
  if (t[p] == '"' || t[p] == '\'') {
    char q = t[p];
    for (size_t i = p + 1; i < le; ++i) {
      if (q == '"' && t[i] == '\\') {
        ++i;
      } else if (t[i] == q) {
        if (q == '\'' && i + 1 < le && t[i + 1] == '\'') {
          ++i;
          continue;
        }
        return i + 1;
      }
    }
    return le;
  }
  size_t e = p;
  while (e < le && !(t[e] == '#' && e > p && t[e - 1] == ' ')) ++e;
  while (e > p && t[e - 1] == ' ') --e;
  return e;
}

// The span of the value held by an entry whose indicator (':' or '-') ends
// at `after`; `data` says what the text must hold there.
bool value_span(const YamlLines& L, size_t entry_begin, size_t entry_end_, size_t after, bool member, const Value& data,
                Span& out) {
  std::string_view t = L.text();
  out.owner_col = L.column(entry_begin);
  out.owner_is_member = member;
  out.after_indicator = after;
  size_t le = L.end(entry_begin);
  size_t p = after;
  while (p < le && t[p] == ' ') ++p;
  size_t limit = L.next(entry_end_);
  if (p >= le || t[p] == '#') {
    // The value starts on a later line, or is empty.
    size_t q = L.next(entry_begin);
    while (q < limit && (L.blank(q) || L.comment(q))) q = L.next(q);
    if (q >= limit) {
      out.kind = Span::Kind::Empty;
      out.begin = out.end = after;
      return data.is_null();
    }
    size_t c = q + static_cast<size_t>(L.indent(q));
    if (data.is_object() || data.is_array()) {
      out.kind = data.is_object() ? Span::Kind::Mapping : Span::Kind::Sequence;
      if (data.is_array() != L.dash_at(c)) return false;
      if (t[c] == '{' || t[c] == '[') return false;
      out.begin = c;
      out.end = limit;
      out.indent = L.indent(q);
      return true;
    }
    out.kind = Span::Kind::Inline;
    out.begin = c;
    out.end = entry_end_;
    return true;
  }
  if (t[p] == '&' || t[p] == '*' || t[p] == '!') return false;
  bool flow = t[p] == '{' || t[p] == '[';
  if ((data.is_object() || data.is_array()) && !flow) {
    if (member) return false;  // `key: a: b` is not YAML
    out.kind = data.is_object() ? Span::Kind::Mapping : Span::Kind::Sequence;
    if (data.is_array() != L.dash_at(p)) return false;
    out.begin = p;
    out.end = limit;
    out.indent = L.column(p);
    return true;
  }
  out.kind = Span::Kind::Inline;
  out.begin = p;
  bool one_line = entry_end_ == le || L.end(entry_end_) == le;
  out.end = one_line && !flow && t[p] != '|' && t[p] != '>' ? scalar_end(t, p, le) : entry_end_;
  if (flow && one_line) {
    size_t e = le;
    size_t hash = t.find(" #", p);
    if (hash != std::string_view::npos && hash < le) e = hash;  // a flow collection ending in a comment
    while (e > p && t[e - 1] == ' ') --e;
    out.end = e;
  }
  return true;
}

struct Entry {
  size_t begin = 0, end = 0, after = 0;
};

// Finds the entry of `block` for `token` (a key, or an index).
bool find_entry(const YamlLines& L, const Span& block, const Value& data, std::string_view token, Entry& out,
                std::vector<std::pair<size_t, size_t>>& entries) {
  entries.clear();
  if (!block_entries(L, block, entries)) return false;
  if (block.kind == Span::Kind::Sequence) {
    if (entries.size() != data.items().size()) return false;
    size_t i = 0;
    if (!parse_index(token, i) || i >= entries.size()) return false;
    out = {entries[i].first, entries[i].second, entries[i].first + 1};
    return true;
  }
  if (entries.size() != data.members().size()) return false;
  for (auto [b, e] : entries) {
    std::string key;
    size_t after = 0;
    if (!parse_key(L.text(), b, L.end(b), key, after)) return false;
    if (key == token) {
      out = {b, e, after};
      return true;
    }
  }
  return false;
}

std::string spaces(int n) { return std::string(static_cast<size_t>(std::max(n, 0)), ' '); }

void render_value_after_key(std::string& out, const Value& v, int col, const YamlStyle& s);

// A value that starts at column `col` on the current line (after "- ").
void render_item_body(std::string& out, const Value& v, int col, const YamlStyle& s) {
  if (v.is_object() && !v.members().empty()) {
    bool first = true;
    for (const auto& [k, mv] : v.members()) {
      if (!first) out += "\n" + spaces(col);
      first = false;
      out += yaml_scalar(Value::scalar(Value::Kind::String, k, 0)) + ":";
      render_value_after_key(out, mv, col, s);
    }
  } else if (v.is_array() && !v.items().empty()) {
    bool first = true;
    for (const Value& item : v.items()) {
      if (!first) out += "\n" + spaces(col);
      first = false;
      out += "- ";
      render_item_body(out, item, col + 2, s);
    }
  } else {
    out += yaml_scalar(v);
  }
}

// What follows "key:" for a key in column `col`.
void render_value_after_key(std::string& out, const Value& v, int col, const YamlStyle& s) {
  if (v.is_object() && !v.members().empty()) {
    for (const auto& [k, mv] : v.members()) {
      out += "\n" + spaces(col + s.step) + yaml_scalar(Value::scalar(Value::Kind::String, k, 0)) + ":";
      render_value_after_key(out, mv, col + s.step, s);
    }
  } else if (v.is_array() && !v.items().empty()) {
    int dash = s.indentless_sequences ? col : col + s.step;
    for (const Value& item : v.items()) {
      out += "\n" + spaces(dash) + "- ";
      render_item_body(out, item, dash + 2, s);
    }
  } else {
    out += " " + yaml_scalar(v);
  }
}

bool starts_at_line_indent(const YamlLines& L, size_t p) {
  return L.start(p) + static_cast<size_t>(L.indent(L.start(p))) == p;
}

// Removes the lines of an entry (which must start its line).
bool erase_entry(std::string& text, const YamlLines& L, const Entry& e) {
  if (!starts_at_line_indent(L, e.begin)) return false;
  size_t ls = L.start(e.begin);
  if (e.end < text.size()) {
    text.erase(ls, e.end + 1 - ls);
  } else {
    size_t from = ls > 0 ? ls - 1 : ls;
    text.erase(from, e.end - from);
  }
  return true;
}

}  // namespace

std::string yaml_scalar(const Value& v) {
  switch (v.kind()) {
    case Value::Kind::Null:
      return "null";
    case Value::Kind::Bool:
    case Value::Kind::Number:
      return v.text();
    case Value::Kind::Object:
      return "{}";
    case Value::Kind::Array:
      return "[]";
    case Value::Kind::String:
      break;
  }
  const std::string& s = v.text();
  bool plain = !s.empty() && decode::resolve_plain_scalar(s) == Value::Kind::String;
  static const std::string_view kIndicators = "-?:,[]{}#&*!|>'\"%@`";
  if (plain && kIndicators.find(s[0]) != std::string_view::npos) {
    // "-x", "?x" and ":x" are plain in YAML 1.2, but keep to what every reader agrees on.
    plain = false;
  }
  if (plain && (s.front() == ' ' || s.back() == ' ' || s.back() == ':')) plain = false;
  for (size_t i = 0; plain && i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x20 || c == 0x7f || c >= 0x80) plain = false;
    if (c == ':' && i + 1 < s.size() && (s[i + 1] == ' ' || s[i + 1] == ',')) plain = false;
    if (c == '#' && i > 0 && s[i - 1] == ' ') plain = false;
    if (c == ',' || c == '[' || c == ']' || c == '{' || c == '}') plain = false;  // safe in flow parents too
  }
  if (plain) return s;
  std::string out;
  JsonWriter::escape_into(out, s);
  return out;
}

bool splice_yaml_op(std::string& text, const Value& doc, const std::vector<std::string>& object_path, const PatchOp& op,
                    const YamlStyle& style, std::string& error) {
  std::vector<std::string> path = object_path;
  path.insert(path.end(), op.path.begin(), op.path.end());
  if (op.op == "test") return true;
  if (path.empty()) {
    error = "an operation on a whole document";
    return false;
  }
  YamlLines L(text);
  // The root: the document's first content line after its `---`.
  size_t p = 0;
  while (p < text.size() && (L.blank(p) || L.comment(p) || text.substr(p, 3) == "---")) {
    if (text.substr(p, 3) == "---") {
      size_t q = p + 3;
      while (q < L.end(p) && text[q] == ' ') ++q;
      if (q < L.end(p) && text[q] != '#') {
        error = "content on the document's --- line";
        return false;
      }
    }
    p = L.next(p);
  }
  if (p >= text.size() || !(doc.is_object() || doc.is_array())) {
    error = "the document is not a block mapping";
    return false;
  }
  Span span;
  span.kind = doc.is_object() ? Span::Kind::Mapping : Span::Kind::Sequence;
  span.indent = L.indent(p);
  span.begin = p + static_cast<size_t>(span.indent);
  span.end = text.size();
  if (text[span.begin] == '{' || text[span.begin] == '[') {
    error = "a flow-style document";
    return false;
  }
  const Value* data = &doc;
  std::vector<std::pair<size_t, size_t>> entries;
  Entry entry;
  for (size_t i = 0; i + 1 < path.size(); ++i) {
    const Value* next = child(*data, path[i]);
    if (!next || (span.kind != Span::Kind::Mapping && span.kind != Span::Kind::Sequence) ||
        !find_entry(L, span, *data, path[i], entry, entries)) {
      error = "cannot follow " + path[i] + " in the text (flow style or layout outside the block subset)";
      return false;
    }
    Span inner;
    if (!value_span(L, entry.begin, entry.end, entry.after, span.kind == Span::Kind::Mapping, *next, inner)) {
      error = "the value of " + path[i] + " is not written in block style";
      return false;
    }
    span = inner;
    data = next;
  }
  const std::string& last = path.back();
  // An empty flow container (`key: {}`, `key: []`) that gets its first entry becomes a block.
  if (span.kind == Span::Kind::Inline && op.op == "add" && span.owner_is_member &&
      ((data->is_object() && data->members().empty() && text.substr(span.begin, 2) == "{}") ||
       (data->is_array() && data->items().empty() && text.substr(span.begin, 2) == "[]"))) {
    Value filled = *data;
    if (filled.is_object()) {
      filled.add_member(last, op.value);
    } else {
      filled.add_item(op.value);
    }
    std::string rendered;
    render_value_after_key(rendered, filled, span.owner_col, style);
    size_t from = span.after_indicator;
    text.replace(from, span.begin + 2 - from, rendered);
    return true;
  }
  if (span.kind != Span::Kind::Mapping && span.kind != Span::Kind::Sequence) {
    error = "the parent of " + last + " is not a block collection";
    return false;
  }
  entries.clear();
  if (!block_entries(L, span, entries)) {
    error = "a block whose entries are not aligned";
    return false;
  }
  const Value* target = child(*data, last);
  bool mapping = span.kind == Span::Kind::Mapping;
  if (op.op == "add" && (!target || !mapping)) {
    std::string rendered;
    if (mapping) {
      rendered = yaml_scalar(Value::scalar(Value::Kind::String, last, 0)) + ":";
      render_value_after_key(rendered, op.value, span.indent, style);
    } else {
      rendered = "- ";
      render_item_body(rendered, op.value, span.indent + 2, style);
    }
    size_t index = 0;
    if (mapping || last == "-" || (parse_index(last, index) && index == entries.size())) {
      text.insert(entries.back().second, "\n" + spaces(span.indent) + rendered);
      return true;
    }
    if (!parse_index(last, index) || index > entries.size() || !starts_at_line_indent(L, entries[index].first)) {
      error = "cannot insert item " + last + " here";
      return false;
    }
    text.insert(entries[index].first, rendered + "\n" + spaces(span.indent));
    return true;
  }
  if (!target || !find_entry(L, span, *data, last, entry, entries)) {
    error = "cannot find " + last + " in the text";
    return false;
  }
  if (op.op == "remove") {
    if (entries.size() == 1 && span.after_indicator > 0 && span.owner_is_member) {
      // The last entry: the collection stays, empty, in flow style (an empty block would read as null).
      text.replace(span.after_indicator, entry.end - span.after_indicator, mapping ? " {}" : " []");
      return true;
    }
    if (!erase_entry(text, L, entry)) {
      error = "cannot remove " + last + ": it shares its line with its parent";
      return false;
    }
    return true;
  }
  // replace (or add over an existing member)
  Span old;
  if (!value_span(L, entry.begin, entry.end, entry.after, mapping, *target, old)) {
    error = "the value of " + last + " is not written in block style";
    return false;
  }
  bool new_is_inline = op.value.is_scalar() || (op.value.is_object() && op.value.members().empty()) ||
                       (op.value.is_array() && op.value.items().empty());
  if (new_is_inline && old.kind == Span::Kind::Inline && L.end(old.begin) >= old.end) {
    text.replace(old.begin, old.end - old.begin, yaml_scalar(op.value));
    return true;
  }
  std::string rendered;
  if (mapping) {
    render_value_after_key(rendered, op.value, L.column(entry.begin), style);
  } else {
    rendered = " ";
    render_item_body(rendered, op.value, L.column(entry.begin) + 2, style);
  }
  text.replace(entry.after, entry.end - entry.after, rendered);
  return true;
}

}  // namespace hybridctl::fix
