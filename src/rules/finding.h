// A finding: one object, one sentence, one severity, and the fix as data.
#pragma once

#include <string>
#include <vector>

#include "analysis/provenance.h"
#include "fix/fix_intent.h"
#include "model/object_meta.h"
#include "model/snapshot.h"

namespace hybridctl::rules {

enum class Severity { Info = 0, Warning = 1, Error = 2, Critical = 3 };

const char* severity_name(Severity s);
bool parse_severity(std::string_view text, Severity& out);
// The severity of a finding that holds only if hybrid pods are unroutable:
// `base` when the pod network is known unroutable, one step lower when its
// routability is only `unknown` (RULES.md; info stays info).
Severity severity_for_pod_network(Severity base, model::PodNetwork network);

// " (routability could not be confirmed: <why>)", the clause such a finding's
// message ends with when the severity was lowered.
std::string unconfirmed_routability(std::string_view why);

struct Finding {
  std::string rule;
  Severity severity = Severity::Warning;
  model::ObjectRef object;
  model::Origin origin;
  const model::ObjectBase* subject = nullptr;  // for the ignore annotation; may be null
  std::string message;
  analysis::Manager managed_by;
  std::vector<fix::FixIntent> fixes;
  std::string fix_note;  // why this form, and what else would fix it
};

}  // namespace hybridctl::rules
