// Which admission webhooks would refuse the very updates a fix makes: a
// webhook that fails closed (failurePolicy Fail), intercepts UPDATE of a
// patched object's resource, and whose backend the fix itself rolls or a
// finding says is at risk. The fix script sets those to Ignore first and
// restores them last.
#pragma once

#include <string>
#include <vector>

#include "analysis/backends.h"
#include "model/object_meta.h"
#include "model/webhooks.h"

namespace hybridctl::fix {

struct WebhookGuard {
  model::ObjectRef configuration;  // the Mutating/ValidatingWebhookConfiguration
  size_t index = 0;                // of the webhook inside it
  std::string name;
  std::string reason;  // one sentence for the script's comment
};

// Whether `rule` intercepts an UPDATE of objects of `target`'s kind.
bool webhook_rule_intercepts_update(const model::WebhookRule& rule, const model::ObjectRef& target);

// `updated`: every object the fix changes (directly or through its
// manager); `at_risk`: the objects findings are about.
std::vector<WebhookGuard> webhooks_to_relax(const model::Snapshot& snapshot,
                                            const std::vector<analysis::Backend>& backends,
                                            const std::vector<model::ObjectRef>& updated,
                                            const std::vector<model::ObjectRef>& at_risk);

}  // namespace hybridctl::fix
