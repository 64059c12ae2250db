// Loads the conformance data files of tests/conformance/traffic (YAML read by
// our own reader) and the small accessors the runners use.
#pragma once

#include <gtest/gtest.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "decode/yaml_reader.h"
#include "e2e/cli_runner.h"
#include "model/service.h"

namespace hybridctl::testing {

inline Value load_conformance(const std::string& file) {
  static std::map<std::string, Value> cache;
  auto it = cache.find(file);
  if (it != cache.end()) return it->second;
  std::string path = source_dir() + "/tests/conformance/traffic/" + file;
  std::string text = read_text(path);
  Value root;
  auto result =
      decode::read_yaml(text, 0, path, [&](Value&& v, const decode::DocumentContext&) { root = std::move(v); });
  if (!result.ok) ADD_FAILURE() << path << ": " << result.error;
  return cache.emplace(file, std::move(root)).first->second;
}

// The cases of one section ("cases", "census", ...) of a data file.
inline std::vector<Value> conformance_cases(const std::string& file, const std::string& section) {
  Value root = load_conformance(file);
  const Value* list = root.get(section);
  return list && list->is_array() ? list->items() : std::vector<Value>{};
}

inline std::string str(const Value& v, std::string_view key, std::string fallback = "") {
  const Value* x = v.get(key);
  return x && x->is_scalar() && !x->is_null() ? x->text() : fallback;
}

inline std::optional<bool> opt_bool(const Value& v, std::string_view key) {
  const Value* x = v.get(key);
  if (!x || x->is_null()) return std::nullopt;
  return x->text() == "true";
}

inline bool flag(const Value& v, std::string_view key) { return opt_bool(v, key).value_or(false); }

inline double num(const Value& v, std::string_view key, double fallback = 0) {
  const Value* x = v.get(key);
  return x && x->kind() == Value::Kind::Number ? std::stod(x->text()) : fallback;
}

inline std::vector<std::string> strings(const Value* v) {
  std::vector<std::string> out;
  if (v && v->is_array()) {
    for (const Value& i : v->items()) out.push_back(i.text());
  }
  return out;
}

inline std::vector<std::string> strings(const Value& v, std::string_view key) { return strings(v.get(key)); }

inline bool is_null(const Value& v, std::string_view key) {
  const Value* x = v.get(key);
  return x && x->is_null();
}

// {forZones: [...], forNodes: [...]} or null.
inline std::optional<model::EndpointHints> hints_of(const Value* v) {
  if (!v || v->is_null()) return std::nullopt;
  return model::EndpointHints{strings(*v, "forZones"), strings(*v, "forNodes")};
}

inline std::string hints_text(const std::optional<model::EndpointHints>& h) {
  if (!h) return "null";
  std::string out = "{zones:";
  for (const auto& z : h->for_zones) out += z + ",";
  out += " nodes:";
  for (const auto& n : h->for_nodes) out += n + ",";
  return out + "}";
}

inline bool same_hints(const std::optional<model::EndpointHints>& a, const std::optional<model::EndpointHints>& b) {
  if (a.has_value() != b.has_value()) return false;
  return !a || (a->for_zones == b->for_zones && a->for_nodes == b->for_nodes);
}

// A gtest parameter name from a case name: letters and digits, words joined by '_'.
inline std::string param_name(const std::string& name) {
  std::string out;
  bool gap = false;
  for (char c : name) {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      if (gap && !out.empty()) out += '_';
      out += c;
      gap = false;
    } else {
      gap = true;
    }
  }
  return out;
}

}  // namespace hybridctl::testing
