// `audit -o text`: findings grouped by severity, coloured on a terminal,
// and a summary line.
#pragma once

#include <string>

#include "report/report_input.h"

namespace hybridctl::report {

std::string render_text(const ReportInput& input, bool color);

}  // namespace hybridctl::report
