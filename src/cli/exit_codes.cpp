#include "cli/exit_codes.h"

namespace hybridctl::cli {

int exit_code_for(const report::AuditReport& report, const std::string& fail_on) {
  if (!report.errors.empty()) return 2;
  if (fail_on == "never") return 0;
  rules::Severity threshold;
  rules::parse_severity(fail_on, threshold);
  for (const report::ReportedFinding& f : report.findings) {
    if (f.finding.severity >= threshold) return 1;
  }
  return 0;
}

int exit_code_for_unfixed(const std::vector<const rules::Finding*>& left, const std::string& fail_on) {
  if (fail_on == "never") return 0;
  rules::Severity threshold;
  rules::parse_severity(fail_on, threshold);
  for (const rules::Finding* f : left) {
    if (f->severity >= threshold) return 1;
  }
  return 0;
}

}  // namespace hybridctl::cli
