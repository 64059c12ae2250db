#include "decode/json_value_builder.h"

#include <simdjson.h>

#include <cctype>
#include <cstring>
#include <unordered_set>

#include "decode/document_sink.h"

namespace hybridctl::decode {
namespace {

using simdjson::ondemand::json_type;

// The first member whose name repeats an earlier one, or nullptr. The YAML
// reader rejects duplicate keys too, so a file means the same in either format.
const Value::Member* duplicate_member(const Value& obj) {
  const auto& members = obj.members();
  if (members.size() < 32) {
    for (size_t i = 1; i < members.size(); ++i) {
      for (size_t j = 0; j < i; ++j) {
        if (members[i].first == members[j].first) return &members[i];
      }
    }
    return nullptr;
  }
  std::unordered_set<std::string_view> seen;
  for (const auto& m : members) {
    if (!seen.insert(m.first).second) return &m;
  }
  return nullptr;
}

static_assert(kJsonPadding >= simdjson::SIMDJSON_PADDING);

// A template on KeyOffsets: a run-time test in the member loop cost half
// of what skipping the keys' offsets saves.
template <KeyOffsets kKeyOffsets>
struct Converter {
  const char* base;
  uint64_t file_offset;
  uint64_t error_offset = 0;
  std::string error_message;  // set for errors that are ours, not simdjson's

  uint64_t offset_of(simdjson::ondemand::value& v) {
    const char* loc = nullptr;
    if (v.current_location().get(loc) != simdjson::SUCCESS || !loc) return file_offset;
    return file_offset + static_cast<uint64_t>(loc - base);
  }

  // Validates a value no rule reads, building nothing: the file stays
  // all-or-nothing (a syntax error in managedFields is still an error).
  simdjson::error_code skim(simdjson::ondemand::value v, int depth) {
    if (depth > kMaxNestingDepth) {
      error_offset = offset_of(v);
      return simdjson::DEPTH_ERROR;
    }
    json_type type;
    if (auto err = v.type().get(type)) return record(v, err);
    switch (type) {
      case json_type::object: {
        simdjson::ondemand::object obj;
        if (auto err = v.get_object().get(obj)) return record(v, err);
        for (auto field : obj) {
          simdjson::ondemand::raw_json_string key;
          if (auto err = field.key().get(key)) return record(v, err);
          if (auto err = skim(field.value(), depth + 1)) return err;
        }
        return simdjson::SUCCESS;
      }
      case json_type::array: {
        simdjson::ondemand::array arr;
        if (auto err = v.get_array().get(arr)) return record(v, err);
        for (auto element : arr) {
          simdjson::ondemand::value ev;
          if (auto err = element.get(ev)) return record(v, err);
          if (auto err = skim(ev, depth + 1)) return err;
        }
        return simdjson::SUCCESS;
      }
      case json_type::string: {
        std::string_view s;
        return record(v, v.get_string().get(s));
      }
      case json_type::number: {
        double d;
        return record(v, v.get_double().get(d));
      }
      case json_type::boolean: {
        bool b;
        return record(v, v.get_bool().get(b));
      }
      case json_type::null: {
        bool is_null = false;
        if (auto err = v.is_null().get(is_null)) return record(v, err);
        return is_null ? simdjson::SUCCESS : record(v, simdjson::N_ATOM_ERROR);
      }
    }
    return record(v, simdjson::INCORRECT_TYPE);
  }
  simdjson::error_code record(simdjson::ondemand::value& v, simdjson::error_code err) {
    if (err) error_offset = offset_of(v);
    return err;
  }

  simdjson::error_code convert(simdjson::ondemand::value v, Value& out, int depth, FieldScope scope) {
    uint64_t offset = offset_of(v);
    error_offset = offset;
    if (depth > kMaxNestingDepth) return simdjson::DEPTH_ERROR;
    json_type type;
    if (auto err = v.type().get(type)) return err;
    switch (type) {
      case json_type::object: {
        out.become_container(Value::Kind::Object, offset);
        simdjson::ondemand::object obj;
        if (auto err = v.get_object().get(obj)) return err;
        // Members are written over the ones `out` already has (the previous
        // item's, in a List), then trimmed to the count read.
        std::vector<Value::Member>& members = out.members();
        size_t count = 0;
        for (auto field : obj) {
          [[maybe_unused]] uint64_t key_offset = 0;
          if constexpr (kKeyOffsets == KeyOffsets::Record) {
            // The raw key points past its opening quote; key() does not consume it, unescaped_key() does.
            simdjson::ondemand::raw_json_string raw_key;
            if (auto err = field.key().get(raw_key)) return err;
            key_offset = file_offset + static_cast<uint64_t>(raw_key.raw() - 1 - base);
          }
          std::string_view key;
          if (auto err = field.unescaped_key().get(key)) return err;
          bool skip;
          FieldScope child_scope = member_scope(scope, key, skip);
          if (skip) {
            if (auto err = skim(field.value(), depth + 1)) return err;
            continue;
          }
          if (count == members.size()) members.emplace_back();
          Value::Member& m = members[count++];
          m.first.assign(key);
          if (auto err = convert(field.value(), m.second, depth + 1, child_scope)) return err;
          if constexpr (kKeyOffsets == KeyOffsets::Record) m.second.set_key_offset(key_offset);
        }
        members.resize(count);
        if (const Value::Member* dup = duplicate_member(out)) {
          error_offset = dup->second.offset();  // the repeated member's value, as the top-level scanner says
          error_message = "duplicate mapping key \"" + dup->first + "\"";
          return simdjson::TAPE_ERROR;
        }
        return simdjson::SUCCESS;
      }
      case json_type::array: {
        out.become_container(Value::Kind::Array, offset);
        simdjson::ondemand::array arr;
        if (auto err = v.get_array().get(arr)) return err;
        FieldScope child_scope = element_scope(scope);
        std::vector<Value>& items = out.items();
        size_t count = 0;
        for (auto element : arr) {
          simdjson::ondemand::value ev;
          if (auto err = element.get(ev)) return err;
          if (count == items.size()) items.emplace_back();
          if (auto err = convert(ev, items[count++], depth + 1, child_scope)) return err;
        }
        items.resize(count);
        return simdjson::SUCCESS;
      }
      case json_type::string: {
        std::string_view s;
        if (auto err = v.get_string().get(s)) return err;
        out.become_scalar(Value::Kind::String, s, offset);
        return simdjson::SUCCESS;
      }
      case json_type::number: {
        std::string_view raw = v.raw_json_token();
        while (!raw.empty() && (raw.back() == ' ' || raw.back() == '\n' || raw.back() == '\r' || raw.back() == '\t')) {
          raw.remove_suffix(1);
        }
        double d;
        if (auto err = v.get_double().get(d)) return err;  // validates the token
        out.become_scalar(Value::Kind::Number, raw, offset);
        return simdjson::SUCCESS;
      }
      case json_type::boolean: {
        bool b;
        if (auto err = v.get_bool().get(b)) return err;
        out.become_scalar(Value::Kind::Bool, b ? "true" : "false", offset);
        return simdjson::SUCCESS;
      }
      case json_type::null: {
        bool is_null = false;
        if (auto err = v.is_null().get(is_null)) return err;
        if (!is_null) return simdjson::N_ATOM_ERROR;
        out.become_scalar(Value::Kind::Null, "", offset);
        return simdjson::SUCCESS;
      }
    }
    return simdjson::INCORRECT_TYPE;
  }
};

}  // namespace

// A document that is a lone scalar (an object member's value when the
// streaming scanner hands members over one by one) is read through the
// document itself: simdjson refuses to treat it as a value.
static bool parse_scalar_document(simdjson::ondemand::document& doc, uint64_t file_offset, Value& out,
                                  std::string& error, uint64_t& error_offset) {
  json_type type;
  simdjson::error_code err = doc.type().get(type);
  if (!err) {
    switch (type) {
      case json_type::string: {
        std::string_view s;
        err = doc.get_string().get(s);
        if (!err) out = Value::scalar(Value::Kind::String, std::string(s), file_offset);
        break;
      }
      case json_type::number: {
        double d;
        std::string_view raw = doc.raw_json_token();
        while (!raw.empty() && std::isspace(static_cast<unsigned char>(raw.back()))) raw.remove_suffix(1);
        err = doc.get_double().get(d);
        if (!err) out = Value::scalar(Value::Kind::Number, std::string(raw), file_offset);
        break;
      }
      case json_type::boolean: {
        bool b;
        err = doc.get_bool().get(b);
        if (!err) out = Value::scalar(Value::Kind::Bool, b ? "true" : "false", file_offset);
        break;
      }
      case json_type::null: {
        bool is_null = false;
        err = doc.is_null().get(is_null);
        if (!err && !is_null) err = simdjson::N_ATOM_ERROR;
        if (!err) out = Value::scalar(Value::Kind::Null, "", file_offset);
        break;
      }
      default:
        err = simdjson::INCORRECT_TYPE;
    }
  }
  if (err) {
    error = simdjson::error_message(err);
    error_offset = file_offset;
    return false;
  }
  return true;
}

bool JsonValueBuilder::parse(std::string_view text, uint64_t file_offset, Value& out, std::string& error,
                             uint64_t& error_offset, FieldScope scope) {
  // simdjson reads up to SIMDJSON_PADDING bytes past the end: copy into a
  // reused buffer that has them, instead of allocating per item.
  padded_.resize(text.size() + simdjson::SIMDJSON_PADDING);
  std::memcpy(padded_.data(), text.data(), text.size());
  std::memset(padded_.data() + text.size(), 0, simdjson::SIMDJSON_PADDING);
  return parse_padded(padded_.data(), text.size(), padded_.size(), file_offset, out, error, error_offset, scope);
}

bool JsonValueBuilder::parse_in_place(std::string_view text, uint64_t file_offset, Value& out, std::string& error,
                                      uint64_t& error_offset, FieldScope scope) {
  return parse_padded(text.data(), text.size(), text.size() + kJsonPadding, file_offset, out, error, error_offset,
                      scope);
}

bool JsonValueBuilder::parse_padded(const char* data, size_t size, size_t capacity, uint64_t file_offset, Value& out,
                                    std::string& error, uint64_t& error_offset, FieldScope scope) {
  thread_local simdjson::ondemand::parser parser(1ull << 32);

  simdjson::ondemand::document doc;
  auto fail = [&](simdjson::error_code code, uint64_t at) {
    error = simdjson::error_message(code);
    error_offset = at;
    return false;
  };
  simdjson::padded_string_view view(data, size, capacity);
  if (auto err = parser.iterate(view).get(doc)) return fail(err, file_offset);

  simdjson::ondemand::value root;
  if (auto err = doc.get_value().get(root)) {
    // A scalar document (e.g. `42`) is not an object we can use, but it is valid JSON.
    if (err == simdjson::SCALAR_DOCUMENT_AS_VALUE)
      return parse_scalar_document(doc, file_offset, out, error, error_offset);
    return fail(err, file_offset);
  }
  // The converter overwrites `out` where it lies, reusing what it holds.
  auto convert_root = [&](auto conv) {
    if (auto err = conv.convert(root, out, 0, scope)) {
      fail(err, conv.error_offset);
      if (!conv.error_message.empty()) error = conv.error_message;
      return false;
    }
    return true;
  };
  const bool converted = key_offsets_ == KeyOffsets::Record
                             ? convert_root(Converter<KeyOffsets::Record>{data, file_offset, 0, {}})
                             : convert_root(Converter<KeyOffsets::Skip>{data, file_offset, 0, {}});
  if (!converted) return false;
  // current_location() succeeds only while tokens remain after the value.
  const char* loc = nullptr;
  if (doc.current_location().get(loc) == simdjson::SUCCESS && loc && loc < data + size) {
    return fail(simdjson::TRAILING_CONTENT, file_offset + static_cast<uint64_t>(loc - data));
  }
  return true;
}

}  // namespace hybridctl::decode
