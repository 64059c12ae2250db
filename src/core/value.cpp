#include "core/value.h"

#include "core/value_json.h"

namespace hybridctl {

const Value* Value::get(std::string_view key) const {
  if (kind_ != Kind::Object) return nullptr;
  for (const auto& [k, v] : members_) {
    if (k == key) return &v;
  }
  return nullptr;
}

const Value* Value::at(std::initializer_list<std::string_view> path) const {
  const Value* v = this;
  for (std::string_view key : path) {
    v = v->get(key);
    if (!v) return nullptr;
  }
  return v;
}

std::string_view Value::kind_name(Kind kind) {
  switch (kind) {
    case Kind::Null:
      return "null";
    case Kind::Bool:
      return "a boolean";
    case Kind::Number:
      return "a number";
    case Kind::String:
      return "a string";
    case Kind::Array:
      return "a list";
    case Kind::Object:
      return "a mapping";
  }
  return "?";
}

void write_value_json(JsonWriter& w, const Value& v) {
  switch (v.kind()) {
    case Value::Kind::Null:
      w.null();
      break;
    case Value::Kind::Bool:
      w.boolean(v.text() == "true");
      break;
    case Value::Kind::Number:
      w.raw_number(v.text());
      break;
    case Value::Kind::String:
      w.string(v.text());
      break;
    case Value::Kind::Array:
      w.begin_array();
      for (const Value& item : v.items()) write_value_json(w, item);
      w.end_array();
      break;
    case Value::Kind::Object:
      w.begin_object();
      for (const auto& [k, m] : v.members()) {
        w.key(k);
        write_value_json(w, m);
      }
      w.end_object();
      break;
  }
}

std::string to_json(const Value& v) {
  JsonWriter w;
  write_value_json(w, v);
  return w.take();
}

}  // namespace hybridctl
