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

Severity severity_for_pod_network(Severity base, model::PodNetwork network) {
  if (network != model::PodNetwork::Unknown || base == Severity::Info) return base;
  return static_cast<Severity>(static_cast<int>(base) - 1);
}

std::string unconfirmed_routability(std::string_view why) {
  std::string clause = " (routability could not be confirmed: ";
  clause += why;
  clause += ")";
  return clause;
}

}  // namespace hybridctl::rules
