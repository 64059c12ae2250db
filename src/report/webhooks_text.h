// `webhooks -o text`: one block per webhook chain, or the `--why` answer.
#pragma once

#include <string>

#include "report/webhooks_input.h"

namespace hybridctl::report {

std::string render_webhooks_text(const WebhooksInput& in, bool color);

}  // namespace hybridctl::report
