// `webhooks -o json`: {"webhooks": [...], "summary": {...}, "why": {...}, "errors": [...]}.
#pragma once

#include <string>

#include "report/webhooks_input.h"

namespace hybridctl::report {

std::string render_webhooks_json(const WebhooksInput& in);

}  // namespace hybridctl::report
