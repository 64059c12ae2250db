#include "rules/finding.h"

namespace hybridctl::rules {

const char* severity_name(Severity s) {
  switch (s) {
    case Severity::Info:
      return "info";
    case Severity::Warning:
      return "warning";
    case Severity::Error:
      return "error";
    case Severity::Critical:
      return "critical";
  }
  return "info";
}

bool parse_severity(std::string_view text, Severity& out) {
  for (Severity s : {Severity::Info, Severity::Warning, Severity::Error, Severity::Critical}) {
    if (text == severity_name(s)) {
      out = s;
      return true;
    }
  }
  return false;
}

Severity lower(Severity s) { return s == Severity::Info ? s : static_cast<Severity>(static_cast<int>(s) - 1); }

}  // namespace hybridctl::rules
