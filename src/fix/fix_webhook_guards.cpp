#include "fix/fix_webhook_guards.h"

#include <algorithm>
#include <cctype>

namespace hybridctl::fix {
namespace {

// The REST resource of a kind: lower case, plural (the kinds fixes touch are regular nouns).
std::string resource_of(std::string_view kind) {
  std::string r(kind);
  std::transform(r.begin(), r.end(), r.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (r.ends_with("s")) return r + "es";
  if (r.ends_with("y")) return r.substr(0, r.size() - 1) + "ies";
  return r + "s";
}

std::string group_of(std::string_view api_version) {
  size_t slash = api_version.find('/');
  return slash == std::string_view::npos ? "" : std::string(api_version.substr(0, slash));
}

bool contains(const std::vector<std::string>& list, std::string_view a, std::string_view b = "*") {
  return std::find(list.begin(), list.end(), a) != list.end() || std::find(list.begin(), list.end(), b) != list.end();
}

bool contains_ref(const std::vector<model::ObjectRef>& list, const model::ObjectRef& r) {
  for (const auto& x : list) {
    if (x.kind == r.kind && x.ns == r.ns && x.name == r.name) return true;
  }
  return false;
}

}  // namespace

bool webhook_rule_intercepts_update(const model::WebhookRule& rule, const model::ObjectRef& target) {
  if (!contains(rule.operations, "UPDATE")) return false;
  if (!contains(rule.api_groups, group_of(target.api_version))) return false;
  std::string resource = resource_of(target.kind);
  return contains(rule.resources, resource) || contains(rule.resources, "*/*");
}

std::vector<WebhookGuard> webhooks_to_relax(const model::Snapshot& snapshot,
                                            const std::vector<analysis::Backend>& backends,
                                            const std::vector<model::ObjectRef>& updated,
                                            const std::vector<model::ObjectRef>& at_risk) {
  std::vector<WebhookGuard> out;
  for (const model::WebhookConfiguration& config : snapshot.webhook_configurations) {
    for (size_t i = 0; i < config.webhooks.size(); ++i) {
      const model::Webhook& w = config.webhooks[i];
      if (config.effective_failure_policy(w) != "Fail" || !w.service) continue;
      // The workloads behind this webhook's Service.
      std::vector<model::ObjectRef> behind;
      for (const analysis::Backend& b : backends) {
        if (b.ns != w.service->ns || b.service_name != w.service->name) continue;
        for (const model::Workload* wl : b.workloads) behind.push_back(wl->ref());
      }
      bool rolled = false, risky = false;
      for (const auto& r : behind) {
        rolled = rolled || contains_ref(updated, r);
        risky = risky || contains_ref(at_risk, r);
      }
      if (!rolled && !risky) continue;
      for (const model::ObjectRef& target : updated) {
        bool intercepts = false;
        for (const model::WebhookRule& rule : w.rules)
          intercepts = intercepts || webhook_rule_intercepts_update(rule, target);
        if (!intercepts) continue;
        std::string reason = "it fails closed, intercepts updates of " + resource_of(target.kind) + " (" + target.kind +
                             " " + (target.ns.empty() ? "" : target.ns + "/") + target.name + " is updated here)";
        reason += rolled ? ", and the fix rolls its own backend" : ", and its backend is at risk";
        bool seen = false;  // one configuration read from several files is relaxed once
        for (const WebhookGuard& g : out) seen = seen || (g.configuration == config.ref() && g.index == i);
        if (!seen) out.push_back({config.ref(), i, w.name, reason});
        break;
      }
    }
  }
  return out;
}

}  // namespace hybridctl::fix
