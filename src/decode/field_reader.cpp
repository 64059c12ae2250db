#include "decode/field_reader.h"

#include <charconv>

#include "core/cidr.h"

namespace hybridctl::decode {

void type_error(const Value& v, std::string_view field, std::string_view expected) {
  std::string msg(field);
  msg += ": expected ";
  msg += expected;
  msg += ", got ";
  msg += Value::kind_name(v.kind());
  throw DecodeError(msg, v.offset());
}

std::string read_string(const Value* v, std::string_view field) {
  if (!v || v->is_null()) return {};
  if (!v->is_scalar()) type_error(*v, field, "a string");
  return v->text();
}

std::optional<int64_t> read_int(const Value* v, std::string_view field, int64_t min, int64_t max) {
  if (!v || v->is_null()) return std::nullopt;
  if (v->kind() != Value::Kind::Number) type_error(*v, field, "an integer");
  const std::string& t = v->text();
  int64_t n = 0;
  auto [ptr, ec] = std::from_chars(t.data(), t.data() + t.size(), n);
  if (ec != std::errc() || ptr != t.data() + t.size()) {
    throw DecodeError(std::string(field) + ": expected an integer, got \"" + t + "\"", v->offset());
  }
  if (n < min || n > max) {
    throw DecodeError(
        std::string(field) + ": " + t + " is out of range [" + std::to_string(min) + ", " + std::to_string(max) + "]",
        v->offset());
  }
  return n;
}

std::optional<bool> read_bool(const Value* v, std::string_view field) {
  if (!v || v->is_null()) return std::nullopt;
  if (v->kind() != Value::Kind::Bool) type_error(*v, field, "true or false");
  return v->text() == "true";
}

const Value* read_object(const Value* v, std::string_view field) {
  if (!v || v->is_null()) return nullptr;
  if (!v->is_object()) type_error(*v, field, "a mapping");
  return v;
}

const Value& read_object_item(const Value& item, std::string_view field) {
  if (!item.is_object()) type_error(item, field, "a mapping");
  return item;
}

const std::vector<Value>& read_list(const Value* v, std::string_view field) {
  static const std::vector<Value> empty;
  if (!v || v->is_null()) return empty;
  if (!v->is_array()) type_error(*v, field, "a list");
  return v->items();
}

const std::vector<Value::Member>& read_map(const Value* v, std::string_view field) {
  static const std::vector<Value::Member> empty;
  if (!v || v->is_null()) return empty;
  if (!v->is_object()) type_error(*v, field, "a mapping");
  return v->members();
}

StringMap read_string_map(const Value* v, std::string_view field) {
  StringMap out;
  const auto& members = read_map(v, field);
  out.reserve(members.size());
  for (const auto& [k, val] : members) {
    // The field's full name is built only for the error message.
    if (!val.is_scalar()) type_error(val, std::string(field) + "." + k, "a string");
    out.set(k, val.is_null() ? std::string() : val.text());
  }
  return out;
}

std::vector<std::string> read_string_list(const Value* v, std::string_view field) {
  std::vector<std::string> out;
  const auto& items = read_list(v, field);
  out.reserve(items.size());
  for (const Value& item : items) out.push_back(read_string(&item, field));
  return out;
}

std::string read_cidr(const Value* v, std::string_view field) {
  std::string text = read_string(v, field);
  if (!text.empty() && !Cidr::parse(text)) {
    throw DecodeError(std::string(field) + ": \"" + text + "\" is not a CIDR block", v->offset());
  }
  return text;
}

std::vector<std::string> read_cidr_list(const Value* v, std::string_view field) {
  std::vector<std::string> out;
  for (const Value& item : read_list(v, field)) out.push_back(read_cidr(&item, field));
  return out;
}

std::string read_ip(const Value* v, std::string_view field) {
  std::string text = read_string(v, field);
  if (!text.empty() && !IpAddress::parse(text)) {
    throw DecodeError(std::string(field) + ": \"" + text + "\" is not an IP address", v->offset());
  }
  return text;
}

}  // namespace hybridctl::decode
