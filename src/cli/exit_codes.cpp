#include "cli/exit_codes.h"

namespace hybridctl::cli {

int exit_code_for(const Diagnostics& diagnostics, const std::vector<rules::Finding>& findings,
                  const std::string& fail_on) {
  if (diagnostics.has_errors()) return 2;
  if (fail_on == "never") return 0;
  rules::Severity threshold;
  rules::parse_severity(fail_on, threshold);
  for (const rules::Finding& f : findings) {
    if (f.severity >= threshold) return 1;
  }
  return 0;
}

}  // namespace hybridctl::cli
