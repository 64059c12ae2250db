#include "fix/splice_json.h"

#include <memory>

#include "core/json_writer.h"

namespace hybridctl::fix {
namespace {

// Where each value of a JSON text lies; enough structure to find a path's
// member or item and the bytes between them, not a validator (the result
// is re-parsed by the real reader).
struct Node {
  enum class Kind { Scalar, Object, Array } kind = Kind::Scalar;
  size_t begin = 0, end = 0;  // [begin, end) of the value
  std::vector<std::string> keys;
  std::vector<size_t> key_begins;
  std::vector<Node> children;
};

class Indexer {
 public:
  explicit Indexer(std::string_view t) : t_(t) {}
  bool value(Node& n, int depth) {
    skip_ws();
    if (p_ >= t_.size() || depth > 512) return false;
    n.begin = p_;
    char c = t_[p_];
    if (c == '{' || c == '[') {
      bool object = c == '{';
      n.kind = object ? Node::Kind::Object : Node::Kind::Array;
      ++p_;
      skip_ws();
      if (p_ < t_.size() && t_[p_] == (object ? '}' : ']')) {
        n.end = ++p_;
        return true;
      }
      while (true) {
        skip_ws();
        if (object) {
          n.key_begins.push_back(p_);
          std::string key;
          if (!string(key)) return false;
          n.keys.push_back(std::move(key));
          skip_ws();
          if (p_ >= t_.size() || t_[p_] != ':') return false;
          ++p_;
        }
        n.children.emplace_back();
        if (!value(n.children.back(), depth + 1)) return false;
        skip_ws();
        if (p_ >= t_.size()) return false;
        if (t_[p_] == ',') {
          ++p_;
          continue;
        }
        if (t_[p_] != (object ? '}' : ']')) return false;
        n.end = ++p_;
        return true;
      }
    }
    if (c == '"') {
      std::string ignored;
      if (!string(ignored)) return false;
    } else {
      while (p_ < t_.size() && std::string_view(",}] \n\r\t").find(t_[p_]) == std::string_view::npos) ++p_;
      if (p_ == n.begin) return false;
    }
    n.end = p_;
    return true;
  }
  bool at_end() {
    skip_ws();
    return p_ == t_.size();
  }

 private:
  void skip_ws() {
    while (p_ < t_.size() && (t_[p_] == ' ' || t_[p_] == '\n' || t_[p_] == '\r' || t_[p_] == '\t')) ++p_;
  }
  // A string; escapes other than the simple ones leave it unmatched
  // (marked by a NUL, which no patch path holds).
  bool string(std::string& out) {
    if (p_ >= t_.size() || t_[p_] != '"') return false;
    ++p_;
    while (p_ < t_.size() && t_[p_] != '"') {
      if (t_[p_] == '\\') {
        if (p_ + 1 >= t_.size()) return false;
        char e = t_[p_ + 1];
        static const std::string_view kFrom = "\"\\/bfnrt", kTo = "\"\\/\b\f\n\r\t";
        size_t k = kFrom.find(e);
        out += k == std::string_view::npos ? '\0' : kTo[k];
        p_ += 2;
        continue;
      }
      out += t_[p_++];
    }
    if (p_ >= t_.size()) return false;
    ++p_;
    return true;
  }
  std::string_view t_;
  size_t p_ = 0;
};

size_t line_start(std::string_view t, size_t p) {
  while (p > 0 && t[p - 1] != '\n') --p;
  return p;
}
int line_indent(std::string_view t, size_t p) {
  size_t s = line_start(t, p), q = s;
  while (q < t.size() && t[q] == ' ') ++q;
  return static_cast<int>(q - s);
}

// The file's layout: pretty (a newline after an opening bracket) with the
// step of its first nesting, and the separator after a key.
struct Layout {
  bool pretty = false;
  int step = 4;
  std::string colon = ":";
};

Layout detect_layout(std::string_view t, const Node& root) {
  Layout l;
  const Node* n = &root;
  if (!n->children.empty()) {
    size_t first = n->kind == Node::Kind::Object ? n->key_begins[0] : n->children[0].begin;
    l.pretty = t.substr(n->begin, first - n->begin).find('\n') != std::string_view::npos;
    if (l.pretty) l.step = std::max(1, line_indent(t, first) - line_indent(t, n->begin));
    if (n->kind == Node::Kind::Object) {
      size_t after_key = t.find(':', first);
      l.colon = after_key + 1 < t.size() && t[after_key + 1] == ' ' ? ": " : ":";
    } else if (l.pretty) {
      l.colon = ": ";
    }
  }
  return l;
}

void render(std::string& out, const Value& v, int indent, const Layout& l) {
  std::string nl = l.pretty ? "\n" : "";
  auto pad = [&](int n) { return l.pretty ? std::string(static_cast<size_t>(n), ' ') : std::string(); };
  if (v.is_object() && !v.members().empty()) {
    out += "{";
    bool first = true;
    for (const auto& [k, mv] : v.members()) {
      out += (first ? "" : ",") + nl + pad(indent + l.step);
      first = false;
      JsonWriter::escape_into(out, k);
      out += l.colon;
      render(out, mv, indent + l.step, l);
    }
    out += nl + pad(indent) + "}";
  } else if (v.is_array() && !v.items().empty()) {
    out += "[";
    bool first = true;
    for (const Value& item : v.items()) {
      out += (first ? "" : ",") + nl + pad(indent + l.step);
      first = false;
      render(out, item, indent + l.step, l);
    }
    out += nl + pad(indent) + "]";
  } else {
    out += to_json(v);
  }
}

}  // namespace

bool splice_json_op(std::string& text, const Value& doc, const std::vector<std::string>& object_path, const PatchOp& op,
                    std::string& error) {
  if (op.op == "test") return true;
  std::vector<std::string> path = object_path;
  path.insert(path.end(), op.path.begin(), op.path.end());
  if (path.empty()) {
    error = "an operation on a whole document";
    return false;
  }
  Node root;
  Indexer indexer(text);
  if (!indexer.value(root, 0) || !indexer.at_end()) {
    error = "not one JSON value";
    return false;
  }
  Layout layout = detect_layout(text, root);
  const Node* n = &root;
  const Value* data = &doc;
  auto step_into = [&](const std::string& token, const Node*& node, const Value*& d) {
    const Value* next = child(*d, token);
    if (!next) return false;
    if (node->kind == Node::Kind::Object) {
      for (size_t i = 0; i < node->keys.size(); ++i) {
        if (node->keys[i] == token) {
          node = &node->children[i];
          d = next;
          return true;
        }
      }
      return false;
    }
    size_t i = 0;
    if (node->kind != Node::Kind::Array || !parse_index(token, i) || i >= node->children.size()) return false;
    node = &node->children[i];
    d = next;
    return true;
  };
  for (size_t i = 0; i + 1 < path.size(); ++i) {
    if (!step_into(path[i], n, data)) {
      error = "cannot follow " + path[i] + " in the text";
      return false;
    }
  }
  const std::string& last = path.back();
  int indent = line_indent(text, n->begin);
  const Value* target = child(*data, last);
  bool object = n->kind == Node::Kind::Object;
  if (n->kind == Node::Kind::Scalar) {
    error = "the parent of " + last + " is not a container";
    return false;
  }
  if (op.op == "add" && (!target || !object)) {
    std::string rendered;
    if (object) {
      JsonWriter::escape_into(rendered, last);
      rendered += layout.colon;
    }
    size_t count = n->children.size();
    size_t index = count;
    if (!object && last != "-" && (!parse_index(last, index) || index > count)) {
      error = "index " + last + " out of range";
      return false;
    }
    if (count == 0) {
      render(rendered, op.value, indent + layout.step, layout);
      std::string nl = layout.pretty ? "\n" : "";
      std::string body = nl + std::string(layout.pretty ? static_cast<size_t>(indent + layout.step) : 0, ' ') +
                         rendered + nl + std::string(layout.pretty ? static_cast<size_t>(indent) : 0, ' ');
      text.replace(n->begin + 1, n->end - 1 - (n->begin + 1), body);
      return true;
    }
    size_t first = object ? n->key_begins[0] : n->children[0].begin;
    int col = static_cast<int>(first - line_start(text, first));
    std::string sep = layout.pretty ? "\n" + std::string(static_cast<size_t>(line_indent(text, first)), ' ') : "";
    if (!layout.pretty && count > 1) {
      size_t between = n->children[0].end;
      size_t comma = text.find(',', between);
      size_t next = object ? n->key_begins[1] : n->children[1].begin;
      sep = std::string(text.substr(comma + 1, next - comma - 1));
    }
    (void)col;
    render(rendered, op.value, line_indent(text, first), layout);
    if (index == count) {
      text.insert(n->children.back().end, "," + sep + rendered);
    } else {
      size_t at = object ? n->key_begins[index] : n->children[index].begin;
      text.insert(at, rendered + "," + sep);
    }
    return true;
  }
  size_t i = 0;
  if (object) {
    while (i < n->keys.size() && n->keys[i] != last) ++i;
  } else {
    parse_index(last, i);
  }
  if (!target || i >= n->children.size()) {
    error = "cannot find " + last + " in the text";
    return false;
  }
  const Node& c = n->children[i];
  if (op.op == "remove") {
    size_t item_begin = object ? n->key_begins[i] : c.begin;
    if (i > 0) {
      text.erase(n->children[i - 1].end, c.end - n->children[i - 1].end);
    } else if (n->children.size() > 1) {
      size_t next = object ? n->key_begins[1] : n->children[1].begin;
      text.erase(item_begin, next - item_begin);
    } else {
      text.replace(n->begin + 1, n->end - 1 - (n->begin + 1), "");
    }
    return true;
  }
  std::string rendered;
  render(rendered, op.value, line_indent(text, object ? n->key_begins[i] : c.begin), layout);
  text.replace(c.begin, c.end - c.begin, rendered);
  return true;
}

}  // namespace hybridctl::fix
