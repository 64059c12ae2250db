// The splicer: whatever the manifest text, splicing a patch into it either
// writes text whose documents read back as the originals with the patch
// applied to its object (and every other document unchanged), or refuses
// and leaves the text as it was. Never anything in between.
//
// The first byte picks the operation; the rest is the file. The patch's
// path is found in the object itself (its first nested mapping, list or
// scalar), so that the fuzzer reaches the splicer's every layout.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "core/json_writer.h"
#include "fix/json_pointer.h"
#include "fix/splice_file.h"
#include "fix/splice_patch.h"
#include "fuzz_support.h"

namespace {

using hybridctl::Value;

std::vector<Value> documents(std::string_view text, bool& ok) {
  static const std::string path = "<fuzz>";
  std::vector<Value> docs;
  hybridctl::decode::YamlReadOptions options;
  options.skip_unread_fields = false;
  ok = hybridctl::decode::read_yaml(
           text, 0, path, [&](Value&& v, const hybridctl::decode::DocumentContext&) { docs.push_back(std::move(v)); },
           options)
           .ok;
  return docs;
}

// The first node of `kind` below `v` (depth first, at depth >= 1), and its pointer.
bool find_node(const Value& v, Value::Kind kind, std::string& pointer, int depth = 0) {
  if (depth > 0 && v.kind() == kind) return true;
  if (depth > 12) return false;
  if (v.is_object()) {
    for (const auto& [k, m] : v.members()) {
      std::string p = pointer + "/" + hybridctl::fix::json_pointer_token(k);
      if (find_node(m, kind, p, depth + 1)) {
        pointer = p;
        return true;
      }
    }
  } else if (v.is_array()) {
    for (size_t i = 0; i < v.items().size(); ++i) {
      std::string p = pointer + "/" + std::to_string(i);
      if (find_node(v.items()[i], kind, p, depth + 1)) {
        pointer = p;
        return true;
      }
    }
  }
  return false;
}

std::string op(const char* name, const std::string& path, const char* value_json = nullptr) {
  std::string out = "{\"op\":\"" + std::string(name) + "\",\"path\":";
  hybridctl::JsonWriter::escape_into(out, path);
  if (value_json) out += std::string(",\"value\":") + value_json;
  return out + "}";
}

std::string patch_for(uint8_t choice, const Value& object) {
  static const char* kValues[] = {
      "\"v\"", "{\"a\":{\"b\":[\"x\",{\"c\":1}]}}", "[]", "{}", "\"- x: y #z\"", "true", "[[1,2],{\"k\":null}]",
      "\"\""};
  const char* value = kValues[(choice >> 3) % 8];
  std::string path;
  switch (choice % 8) {
    case 0:
      return "[" + op("add", "/spec/template/spec/affinity", value) + "]";
    case 1:
      return find_node(object, Value::Kind::Object, path) ? "[" + op("add", path + "/zz~1y", value) + "]" : "";
    case 2:
      return find_node(object, Value::Kind::String, path) ? "[" + op("replace", path, value) + "]" : "";
    case 3:
      return find_node(object, Value::Kind::String, path) ? "[" + op("remove", path) + "]" : "";
    case 4:
      return find_node(object, Value::Kind::Array, path) ? "[" + op("add", path + "/-", value) + "]" : "";
    case 5:
      return find_node(object, Value::Kind::Array, path) ? "[" + op("add", path + "/0", value) + "]" : "";
    case 6:
      return find_node(object, Value::Kind::Object, path) ? "[" + op("replace", path, value) + "]" : "";
    default:
      return find_node(object, Value::Kind::Number, path) ? "[" + op("add", path, value) + "]" : "";
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 2) return 0;
  std::string_view text = hybridctl::fuzz::as_text(data + 1, size - 1);
  bool ok = false;
  std::vector<Value> before = documents(text, ok);
  if (!ok) return 0;
  // The object: the first document with a kind and a name.
  size_t target = before.size();
  for (size_t i = 0; i < before.size() && target == before.size(); ++i) {
    const Value* kind = before[i].get("kind");
    const Value* name = before[i].at({"metadata", "name"});
    if (kind && kind->is_string() && name && name->is_string()) target = i;
  }
  if (target == before.size()) return 0;
  const Value& object = before[target];
  const Value* ns = object.at({"metadata", "namespace"});
  hybridctl::model::ObjectRef ref{"", object.get("kind")->text(), ns && ns->is_string() ? ns->text() : "",
                                  object.at({"metadata", "name"})->text()};
  std::string patch = patch_for(data[0], object);
  if (patch.empty()) return 0;
  hybridctl::fix::SpliceOutcome out = hybridctl::fix::splice_file(text, {{ref, 0, patch}});
  if (out.applied.empty()) {
    if (out.text != text) std::abort();  // refused, yet changed
    return 0;
  }
  // What the data says the file must now hold.
  std::vector<Value> expected = before;
  std::vector<hybridctl::fix::PatchOp> ops;
  std::string error;
  if (!hybridctl::fix::parse_json_patch(patch, ops, error)) std::abort();
  for (const auto& o : ops) {
    if (!hybridctl::fix::apply_patch_op(expected[target], o, error)) std::abort();
  }
  std::vector<Value> after = documents(out.text, ok);
  if (!ok || after.size() != expected.size()) std::abort();
  for (size_t i = 0; i < after.size(); ++i) {
    if (!hybridctl::fix::same_data(after[i], expected[i])) std::abort();
  }
  return 0;
}
