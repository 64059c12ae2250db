#include "decode/field_positions_recorder.h"

#include <algorithm>
#include <string>
#include <vector>

#include "core/json_pointer.h"
#include "decode/decode_kinds.h"

namespace hybridctl::decode {
namespace {

struct Member {
  std::string pointer;
  const Value* value;
};

class Collector {
 public:
  // The member `key` of mapping `parent` (at `parent_pointer`), when present;
  // returns it to descend into.
  const Value* add(const Value* parent, const std::string& parent_pointer, std::string_view key) {
    if (!parent || !parent->is_object()) return nullptr;
    const Value* v = parent->get(key);
    if (!v) return nullptr;
    members_.push_back({parent_pointer + "/" + json_pointer_token(key), v});
    return v;
  }
  // Every member of mapping `parent` that `keep` accepts.
  template <typename Keep>
  void add_each(const Value* parent, const std::string& parent_pointer, Keep keep) {
    if (!parent || !parent->is_object()) return;
    for (const auto& [k, v] : parent->members()) {
      if (keep(k)) members_.push_back({parent_pointer + "/" + json_pointer_token(k), &v});
    }
  }

  void record(const model::Origin& origin, const DocumentContext& ctx, model::FieldPositions& into) {
    std::sort(members_.begin(), members_.end(),
              [](const Member& a, const Member& b) { return a.value->key_offset() < b.value->key_offset(); });
    for (const Member& m : members_) {
      LineCol lc = ctx.lines->locate(m.value->key_offset());
      into.record(origin, m.pointer, m.value->key_offset(), m.value->offset(), lc.line, lc.column);
    }
  }

 private:
  std::vector<Member> members_;
};

bool is_workload_kind(std::string_view kind) {
  static constexpr std::string_view kinds[] = {
      "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job", "CronJob"};
  return std::find(std::begin(kinds), std::end(kinds), kind) != std::end(kinds);
}

void collect_pod_spec(Collector& c, const Value* pod_spec, const std::string& pointer) {
  for (std::string_view key : {"affinity", "nodeSelector", "topologySpreadConstraints"}) c.add(pod_spec, pointer, key);
}

void collect_workload(Collector& c, const Value& obj, std::string_view kind) {
  std::string spec_pointer = "/spec";
  const Value* spec = c.add(&obj, "", "spec");
  if (kind == "CronJob") {
    const Value* job = c.add(spec, spec_pointer, "jobTemplate");
    spec = c.add(job, spec_pointer + "/jobTemplate", "spec");
    spec_pointer += "/jobTemplate/spec";
  }
  c.add(spec, spec_pointer, kind == "Job" || kind == "CronJob" ? "parallelism" : "replicas");
  const Value* tmpl = c.add(spec, spec_pointer, "template");
  std::string template_pointer = spec_pointer + "/template";
  const Value* pod_spec = c.add(tmpl, template_pointer, "spec");
  collect_pod_spec(c, pod_spec, template_pointer + "/spec");
}

}  // namespace

void record_field_positions(const Value& obj, std::string_view kind, const model::Origin& origin,
                            const DocumentContext& ctx, model::FieldPositions& into) {
  if (origin.file == UINT32_MAX || !ctx.lines) return;
  Collector c;
  auto all = [](std::string_view) { return true; };
  if (is_workload_kind(kind)) {
    collect_workload(c, obj, kind);
  } else if (kind == "Service") {
    const Value* spec = c.add(&obj, "", "spec");
    c.add(spec, "/spec", "trafficDistribution");
    const Value* annotations = c.add(obj.get("metadata"), "/metadata", "annotations");
    c.add_each(annotations, "/metadata/annotations", all);
  } else if (kind == "ConfigMap") {
    const Value* data = c.add(&obj, "", "data");
    c.add_each(data, "/data", is_read_config_key);
  } else if (kind == "Node") {
    const Value* labels = c.add(obj.get("metadata"), "/metadata", "labels");
    c.add_each(labels, "/metadata/labels", all);
  } else if (kind == "OpenTelemetryCollector") {
    const Value* spec = c.add(&obj, "", "spec");
    c.add(spec, "/spec", "config");
    collect_pod_spec(c, spec, "/spec");
  } else {
    return;
  }
  c.add(&obj, "", "metadata");
  c.record(origin, ctx, into);
}

}  // namespace hybridctl::decode
