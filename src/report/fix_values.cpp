#include "report/fix_values.h"

#include "core/json_writer.h"
#include "core/value_json.h"
#include "decode/json_value_builder.h"

namespace hybridctl::report {
namespace {

Value parse(const std::string& json) {
  decode::JsonValueBuilder builder;
  Value v;
  std::string error;
  uint64_t at = 0;
  if (!builder.parse(json, 0, v, error, at, decode::FieldScope::Other)) return Value::object(0);
  return v;
}

std::string pretty(const Value& v) {
  JsonWriter w(2);
  write_value_json(w, v);
  return w.take() + "\n";
}

// Chart values handed to a pod spec as one object: merging into them would
// keep terms the fix meant to replace.
bool replaced_whole(std::string_view key) { return key == "affinity" || key == "nodeSelector" || key == "tolerations"; }

void merge_into(Value& base, const Value& over) {
  if (!base.is_object() || !over.is_object()) {
    base = over;
    return;
  }
  for (const auto& [k, v] : over.members()) {
    Value* existing = nullptr;
    for (auto& [bk, bv] : base.members()) {
      if (bk == k) existing = &bv;
    }
    if (!existing) {
      base.add_member(k, v);
    } else if (replaced_whole(k)) {
      *existing = v;
    } else {
      merge_into(*existing, v);
    }
  }
}

bool empty_object(const std::string& json) { return json.empty() || json == "{}"; }

}  // namespace

std::string pretty_json(const std::string& json) { return pretty(parse(json)); }

std::string merge_json_objects(const std::string& base, const std::string& over) {
  Value b = parse(base.empty() ? "{}" : base);
  merge_into(b, parse(over.empty() ? "{}" : over));
  return pretty(b);
}

std::map<std::string, std::string> helm_values_by_release(const std::vector<FixOfFinding>& fixes) {
  std::map<std::string, std::string> out;
  for (const FixOfFinding& f : fixes) {
    const analysis::Manager& m = f.finding->managed_by;
    if (m.kind != analysis::Manager::Kind::Helm || empty_object(f.fix.helm_values)) continue;
    std::string key = (m.ns.empty() ? f.finding->object.ns : m.ns) + "/" + m.name;
    out[key] = merge_json_objects(out[key], f.fix.helm_values);
  }
  return out;
}

std::map<std::string, std::string> eks_addon_configuration_by_addon(const std::vector<FixOfFinding>& fixes) {
  std::map<std::string, std::string> out;
  for (const FixOfFinding& f : fixes) {
    const analysis::Manager& m = f.finding->managed_by;
    if (m.kind != analysis::Manager::Kind::EksAddon || empty_object(f.fix.eks_addon_configuration)) continue;
    out[m.name] = merge_json_objects(out[m.name], f.fix.eks_addon_configuration);
  }
  return out;
}

std::vector<ObjectPatches> patches_by_object(const std::vector<FixOfFinding>& fixes) {
  std::vector<ObjectPatches> out;
  for (const FixOfFinding& f : fixes) {
    for (const fix::RenderedPatch& p : f.fix.patches) {
      ObjectPatches* group = nullptr;
      for (auto& g : out) {
        if (g.target == p.target) group = &g;
      }
      if (!group) {
        out.push_back({p.target, {}});
        group = &out.back();
      }
      group->patches.push_back(p.patch);
    }
  }
  return out;
}

std::string concatenated_patch(const std::vector<std::string>& patches) {
  Value all = Value::array(0);
  for (const std::string& p : patches) {
    Value ops = parse(p);
    for (Value& op : ops.items()) all.add_item(std::move(op));
  }
  return pretty(all);
}

std::string patch_file_name(const model::ObjectRef& target) {
  std::string kind = fix::kubectl_resource(target.kind);
  return kind + "/" + (target.ns.empty() ? "" : target.ns + "/") + target.name + ".json";
}

}  // namespace hybridctl::report
