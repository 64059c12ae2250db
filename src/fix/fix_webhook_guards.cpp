#include "fix/fix_webhook_guards.h"

#include <algorithm>
#include <cctype>
#include <set>
#include <unordered_map>
#include <unordered_set>

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
  // Indexes, so that a tree of thousands of webhooks and fixed objects costs
  // their sum rather than their product.
  auto key = [](const model::ObjectRef& r) { return r.kind + '\x01' + r.ns + '\x01' + r.name; };
  std::unordered_set<std::string> updated_keys, at_risk_keys;
  for (const auto& r : updated) updated_keys.insert(key(r));
  for (const auto& r : at_risk) at_risk_keys.insert(key(r));
  std::unordered_map<std::string, std::vector<const analysis::Backend*>> backends_of_service;
  for (const analysis::Backend& b : backends) backends_of_service[b.ns + '\x01' + b.service_name].push_back(&b);
  // Whether a rule intercepts a target depends on its API group and kind
  // only: the first updated object of each, in order, stands for the others.
  std::vector<const model::ObjectRef*> first_of_kind;
  std::unordered_set<std::string> kinds_seen;
  for (const auto& r : updated) {
    if (kinds_seen.insert(group_of(r.api_version) + '\x01' + r.kind).second) first_of_kind.push_back(&r);
  }
  std::vector<WebhookGuard> out;
  std::set<std::pair<model::ObjectRef, size_t>> relaxed;  // one configuration read from several files is relaxed once
  for (const model::WebhookConfiguration& config : snapshot.webhook_configurations) {
    for (size_t i = 0; i < config.webhooks.size(); ++i) {
      const model::Webhook& w = config.webhooks[i];
      if (config.effective_failure_policy(w) != "Fail" || !w.service) continue;
      // The workloads behind this webhook's Service.
      bool rolled = false, risky = false;
      auto service = backends_of_service.find(w.service->ns + '\x01' + w.service->name);
      if (service != backends_of_service.end()) {
        for (const analysis::Backend* b : service->second) {
          for (const model::Workload* wl : b->workloads) {
            const std::string k = key(wl->ref());
            rolled = rolled || updated_keys.contains(k);
            risky = risky || at_risk_keys.contains(k);
          }
        }
      }
      if (!rolled && !risky) continue;
      for (const model::ObjectRef* target_of_kind : first_of_kind) {
        const model::ObjectRef& target = *target_of_kind;
        bool intercepts = false;
        for (const model::WebhookRule& rule : w.rules)
          intercepts = intercepts || webhook_rule_intercepts_update(rule, target);
        if (!intercepts) continue;
        std::string reason = "it fails closed, intercepts updates of " + resource_of(target.kind) + " (" + target.kind +
                             " " + (target.ns.empty() ? "" : target.ns + "/") + target.name + " is updated here)";
        reason += rolled ? ", and the fix rolls its own backend" : ", and its backend is at risk";
        if (relaxed.insert({config.ref(), i}).second) out.push_back({config.ref(), i, w.name, reason});
        break;
      }
    }
  }
  return out;
}

}  // namespace hybridctl::fix
