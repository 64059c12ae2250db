// `audit -o json`, exactly as CLI.md specifies it.
#pragma once

#include <string>

#include "report/report_input.h"

namespace hybridctl::report {

std::string render_json(const ReportInput& input);

}  // namespace hybridctl::report
