// The manager-side outputs of `hybridctl fix` as data: the Helm values per
// release and the EKS add-on configurationValues per add-on, merged over
// every finding, and the JSON patches merged per object (`-o helm-values`,
// `-o patches`, and the script's helm/aws steps). Pure functions.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "fix/render.h"
#include "rules/finding.h"

namespace hybridctl::report {

struct FixOfFinding {
  const rules::Finding* finding = nullptr;
  fix::RenderedFix fix;
  // "deploy.yaml:14:9 spec.template.spec.affinity": where the field its first
  // patch changes was read (fix/field_location.h); "" when not from a file.
  std::string field_location;
};

// Helm release (namespace/release) -> its values as JSON, every finding's merged in.
std::map<std::string, std::string> helm_values_by_release(const std::vector<FixOfFinding>& fixes);
// EKS add-on name -> its configurationValues as JSON.
std::map<std::string, std::string> eks_addon_configuration_by_addon(const std::vector<FixOfFinding>& fixes);

// Deep-merges JSON object `over` into `base`; a member named in
// `replaced_whole` (a chart's `affinity`, which the chart hands to the pod
// spec as one object) replaces instead of merging. Returns pretty JSON.
std::string merge_json_objects(const std::string& base, const std::string& over);

struct ObjectPatches {
  model::ObjectRef target;
  std::vector<std::string> patches;  // in finding order
};
// The patches of every finding grouped per target object, in first-seen order.
std::vector<ObjectPatches> patches_by_object(const std::vector<FixOfFinding>& fixes);

// One JSON patch document holding the operations of `patches` in order,
// pretty-printed. With fixes rendered by fix::render_in_order, each patch of
// an object is guarded on what the ones before it leave, so this is one
// patch that applies to the object as read (`-o patches`).
std::string concatenated_patch(const std::vector<std::string>& patches);

// `kind/namespace/name.json` (`kind/name.json` for cluster-scoped objects), kind in lower case.
std::string patch_file_name(const model::ObjectRef& target);

// Pretty JSON (two-space indentation) of a compact JSON text.
std::string pretty_json(const std::string& json);

}  // namespace hybridctl::report
