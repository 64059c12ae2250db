// `audit -o text`: findings grouped by severity, coloured on a terminal,
// and a summary line. More than kGroupAbove findings of one rule and
// severity are shown as one line (the count and the first objects) unless
// every finding is asked for: a large cluster's hundreds of HN007 warnings
// would bury the one critical finding.
#pragma once

#include <string>

#include "report/report_model.h"

namespace hybridctl::report {

inline constexpr size_t kGroupAbove = 20;
inline constexpr size_t kGroupShows = 3;  // objects named on a grouped line

std::string render_text(const AuditReport& report, const RenderOptions& options);

}  // namespace hybridctl::report
