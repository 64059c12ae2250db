// Typed access to a Value for the object decoders: each accessor checks the
// type the Kubernetes API would require and throws DecodeError with the
// offending node's offset, so a wrong type becomes FILE:LINE:COL: message.
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "core/string_map.h"
#include "core/value.h"

namespace hybridctl::decode {

struct DecodeError : std::runtime_error {
  DecodeError(const std::string& message, uint64_t offset) : std::runtime_error(message), offset(offset) {}
  uint64_t offset;
};

[[noreturn]] void type_error(const Value& v, std::string_view field, std::string_view expected);

// A scalar's text; numbers and booleans are accepted as their text (labels
// such as `version: 1.0` are common in hand-written manifests).
std::string read_string(const Value* v, std::string_view field);
std::optional<int64_t> read_int(const Value* v, std::string_view field, int64_t min, int64_t max);
std::optional<bool> read_bool(const Value* v, std::string_view field);
// A mapping to descend into: nullptr when absent or null, DecodeError when
// it is anything but a mapping (a scalar where `spec` should be must not read
// as "no spec").
const Value* read_object(const Value* v, std::string_view field);
// A list element that must be a mapping.
const Value& read_object_item(const Value& item, std::string_view field);
// Elements of a list; null or absent is an empty list.
const std::vector<Value>& read_list(const Value* v, std::string_view field);
// Members of a mapping; null or absent is an empty mapping.
const std::vector<Value::Member>& read_map(const Value* v, std::string_view field);
StringMap read_string_map(const Value* v, std::string_view field);
std::vector<std::string> read_string_list(const Value* v, std::string_view field);
// A CIDR block / an IP address, validated where it is read so that `banana`
// or `/99` is an error with its position rather than a silently unroutable
// network later. Empty when absent.
std::string read_cidr(const Value* v, std::string_view field);
std::vector<std::string> read_cidr_list(const Value* v, std::string_view field);
std::string read_ip(const Value* v, std::string_view field);

}  // namespace hybridctl::decode
