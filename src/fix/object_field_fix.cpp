#include "fix/object_field_fix.h"

#include "fix/json_patch_ops.h"
#include "fix/json_pointer.h"

namespace hybridctl::fix {
namespace {

std::string json_string(std::string_view s) {
  JsonWriter w;
  w.string(s);
  return w.take();
}

}  // namespace

void write_traffic_distribution_ops(JsonWriter& w, const SetTrafficDistribution& intent) {
  if (intent.current == intent.value) return;
  const std::string path = "/spec/trafficDistribution";
  // The test keeps a value set since the dump (PreferSameNode, say) from being replaced.
  write_op(w, "test", path, intent.current.empty() ? "null" : json_string(intent.current));
  write_op(w, "add", path, json_string(intent.value));
}

void write_remove_annotation_ops(JsonWriter& w, const RemoveAnnotation& intent) {
  std::string path = "/metadata/annotations/" + json_pointer_token(intent.key);
  write_op(w, "test", path, json_string(intent.current));
  w.begin_object().key("op").string("remove").key("path").string(path).end_object();
}

void write_config_key_ops(JsonWriter& w, const SetConfigKey& intent) {
  if (intent.current == intent.value) return;
  const std::string path = "/data/" + json_pointer_token(intent.key);
  // A guarded replace when the key holds another value (the second run's
  // guard fails: nothing changes twice); an add when it is absent.
  if (intent.current) {
    write_replace_tested(w, path, json_string(*intent.current), json_string(intent.value));
  } else {
    write_add_absent(w, path, json_string(intent.value));
  }
}

}  // namespace hybridctl::fix
