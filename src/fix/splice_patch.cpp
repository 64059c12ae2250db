#include "fix/splice_patch.h"

#include "decode/json_value_builder.h"

namespace hybridctl::fix {
namespace {

bool is_true(const Value& v) { return v.text() == "true" || v.text() == "True" || v.text() == "TRUE"; }

std::string pointer_text(const std::vector<std::string>& path) {
  std::string out;
  for (const std::string& t : path) out += "/" + t;
  return out;
}

// The container that holds the path's last token.
Value* parent_of(Value& doc, const std::vector<std::string>& path) {
  Value* v = &doc;
  for (size_t i = 0; i + 1 < path.size(); ++i) {
    v = child(*v, path[i]);
    if (!v) return nullptr;
  }
  return v;
}

}  // namespace

bool parse_index(std::string_view token, size_t& index) {
  if (token.empty() || token.size() > 9 || (token.size() > 1 && token[0] == '0')) return false;
  size_t n = 0;
  for (char c : token) {
    if (c < '0' || c > '9') return false;
    n = n * 10 + static_cast<size_t>(c - '0');
  }
  index = n;
  return true;
}

const Value* child(const Value& v, std::string_view token) {
  if (v.is_object()) return v.get(token);
  size_t i = 0;
  if (v.is_array() && parse_index(token, i) && i < v.items().size()) return &v.items()[i];
  return nullptr;
}

Value* child(Value& v, std::string_view token) { return const_cast<Value*>(child(std::as_const(v), token)); }

bool split_json_pointer(std::string_view pointer, std::vector<std::string>& tokens) {
  tokens.clear();
  if (pointer.empty()) return true;
  if (pointer[0] != '/') return false;
  std::string current;
  for (size_t i = 1; i <= pointer.size(); ++i) {
    if (i == pointer.size() || pointer[i] == '/') {
      tokens.push_back(std::move(current));
      current.clear();
    } else if (pointer[i] == '~') {
      if (i + 1 >= pointer.size() || (pointer[i + 1] != '0' && pointer[i + 1] != '1')) return false;
      current += pointer[i + 1] == '0' ? '~' : '/';
      ++i;
    } else {
      current += pointer[i];
    }
  }
  return true;
}

bool parse_json_patch(std::string_view patch_json, std::vector<PatchOp>& ops, std::string& error) {
  decode::JsonValueBuilder builder;
  Value doc;
  uint64_t at = 0;
  if (!builder.parse(patch_json, 0, doc, error, at)) return false;
  if (!doc.is_array()) {
    error = "a JSON patch is an array of operations";
    return false;
  }
  ops.clear();
  for (Value& item : doc.items()) {
    const Value* op = item.get("op");
    const Value* path = item.get("path");
    if (!op || !op->is_string() || !path || !path->is_string()) {
      error = "an operation needs \"op\" and \"path\"";
      return false;
    }
    PatchOp out;
    out.op = op->text();
    if (out.op != "add" && out.op != "remove" && out.op != "replace" && out.op != "test") {
      error = "operation \"" + out.op + "\" is not spliced";
      return false;
    }
    if (!split_json_pointer(path->text(), out.path)) {
      error = "bad JSON pointer " + path->text();
      return false;
    }
    if (out.op != "remove") {
      const Value* value = item.get("value");
      if (!value) {
        error = "\"" + out.op + "\" needs a value";
        return false;
      }
      out.value = *value;
    }
    ops.push_back(std::move(out));
  }
  return true;
}

bool apply_patch_op(Value& doc, const PatchOp& op, std::string& error) {
  if (op.path.empty()) {
    if (op.op == "test") {
      if (same_data(doc, op.value)) return true;
      error = "test failed at the root";
      return false;
    }
    error = "an operation on the whole object is not spliced";
    return false;
  }
  Value* parent = parent_of(doc, op.path);
  const std::string& last = op.path.back();
  if (!parent || (!parent->is_object() && !parent->is_array())) {
    error = "no container at " + pointer_text(op.path);
    return false;
  }
  Value* target = child(*parent, last);
  if (op.op == "test") {
    if (target && same_data(*target, op.value)) return true;
    // As kubectl's (and the API server's) JSON patch: a test of null passes
    // for a member that is absent, the guard fixes put before an `add`.
    if (!target && parent->is_object() && op.value.is_null()) return true;
    error = "test failed at " + pointer_text(op.path);
    return false;
  }
  if (op.op == "replace" || op.op == "remove") {
    if (!target) {
      error = "nothing at " + pointer_text(op.path) + " to " + op.op;
      return false;
    }
    if (op.op == "replace") {
      *target = op.value;
      return true;
    }
    if (parent->is_object()) {
      auto& m = parent->members();
      for (auto it = m.begin(); it != m.end(); ++it) {
        if (it->first == last) {
          m.erase(it);
          break;
        }
      }
    } else {
      size_t i = 0;
      parse_index(last, i);
      parent->items().erase(parent->items().begin() + static_cast<ptrdiff_t>(i));
    }
    return true;
  }
  // add
  if (parent->is_object()) {
    if (target) {
      *target = op.value;
    } else {
      parent->add_member(last, op.value);
    }
    return true;
  }
  size_t i = parent->items().size();
  if (last != "-" && (!parse_index(last, i) || i > parent->items().size())) {
    error = "index " + last + " out of range at " + pointer_text(op.path);
    return false;
  }
  parent->items().insert(parent->items().begin() + static_cast<ptrdiff_t>(i), op.value);
  return true;
}

bool same_data(const Value& a, const Value& b) {
  if (a.kind() != b.kind()) return false;
  switch (a.kind()) {
    case Value::Kind::Null:
      return true;
    case Value::Kind::Bool:
      return is_true(a) == is_true(b);
    case Value::Kind::Number:
    case Value::Kind::String:
      return a.text() == b.text();
    case Value::Kind::Array:
      if (a.items().size() != b.items().size()) return false;
      for (size_t i = 0; i < a.items().size(); ++i) {
        if (!same_data(a.items()[i], b.items()[i])) return false;
      }
      return true;
    case Value::Kind::Object:
      // Key order is the file's business, not the data's.
      if (a.members().size() != b.members().size()) return false;
      for (const auto& [k, v] : a.members()) {
        const Value* other = b.get(k);
        if (!other || !same_data(v, *other)) return false;
      }
      return true;
  }
  return false;
}

}  // namespace hybridctl::fix
