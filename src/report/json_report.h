// `audit -o json`, exactly as CLI.md specifies it, and the findings array
// that `simulate -o json` shares with it.
#pragma once

#include <string>
#include <vector>

#include "core/json_writer.h"
#include "report/report_model.h"

namespace hybridctl::report {

std::string render_json(const AuditReport& report);

// The `findings` array, one object per finding (rule, severity, object,
// message, source, managedBy, fix).
void write_findings_json(JsonWriter& w, const std::vector<ReportedFinding>& findings);

}  // namespace hybridctl::report
