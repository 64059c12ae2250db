#include "fix/json_patch_ops.h"

namespace hybridctl::fix {

void write_op(JsonWriter& w, std::string_view op, const std::string& path, std::string_view value_json) {
  w.begin_object().key("op").string(op).key("path").string(path).key("value").raw(value_json).end_object();
}

void write_test_absent(JsonWriter& w, const std::string& path) {
  w.begin_object().key("op").string("test").key("path").string(path).key("value").null().end_object();
}

void write_add_absent(JsonWriter& w, const std::string& path, std::string_view value_json) {
  write_test_absent(w, path);
  write_op(w, "add", path, value_json);
}

void write_replace_tested(JsonWriter& w, const std::string& path, std::string_view old_json,
                          std::string_view value_json) {
  write_op(w, "test", path, old_json);
  write_op(w, "replace", path, value_json);
}

}  // namespace hybridctl::fix
