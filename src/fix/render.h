// Renders a finding's FixIntents for the object's manager: JSON patches with
// test guards, kubectl commands, Helm values and EKS add-on configuration.
#pragma once

#include <string>
#include <vector>

#include "rules/finding.h"

namespace hybridctl::fix {

struct RenderedPatch {
  model::ObjectRef target;
  std::string type;   // "json"
  std::string patch;  // the serialised patch
  // JSON pointer of the field the change's first intent targets
  // (targeted_field.h): where messages and the fix script point.
  std::string field;
};

struct RenderedFix {
  std::vector<RenderedPatch> patches;
  std::vector<std::string> kubectl;
  std::string helm_values;              // a JSON object, "{}" when none
  std::string eks_addon_configuration;  // a JSON object, "{}" when none
  std::string note;
};

// One finding's fix on its own, computed on the objects as read (what the
// audit shows per finding).
RenderedFix render(const rules::Finding& finding);

// The findings' fixes as `hybridctl fix` applies them, one after the other:
// a finding's patch of an object that an earlier finding's fix changed is
// computed on (and guarded on) the state that fix leaves, and its values
// carry that fix's changes too. So the patches apply in order, and the
// patches of one object concatenated are one patch of the object as read.
std::vector<RenderedFix> render_in_order(const std::vector<const rules::Finding*>& findings);

// `kubectl patch` resource name for a kind: "deployment", "daemonset", ...
std::string kubectl_resource(std::string_view kind);
// Quotes a string for a POSIX shell.
std::string shell_quote(std::string_view s);

}  // namespace hybridctl::fix
