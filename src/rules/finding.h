// A finding: one object, one sentence, one severity, and the fix as data.
#pragma once

#include <string>
#include <vector>

#include "analysis/provenance.h"
#include "fix/fix_intent.h"
#include "model/object_meta.h"

namespace hybridctl::rules {

enum class Severity { Info = 0, Warning = 1, Error = 2, Critical = 3 };

const char* severity_name(Severity s);
bool parse_severity(std::string_view text, Severity& out);
// One step lower (used when routability is only `unknown`); info stays info.
Severity lower(Severity s);

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
