// Everything the API server itself calls: admission webhooks, CRD
// conversion webhooks and aggregated APIs.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/object_meta.h"
#include "model/scheduling.h"

namespace hybridctl::model {

struct ServiceReference {
  std::string ns;
  std::string name;
  std::optional<int32_t> port;
  std::string path;
};

struct WebhookRule {
  std::vector<std::string> operations;
  std::vector<std::string> api_groups;
  std::vector<std::string> api_versions;
  std::vector<std::string> resources;
  std::string scope;
};

struct Webhook {
  std::string name;
  std::optional<ServiceReference> service;
  std::string url;
  bool has_ca_bundle = false;  // clientConfig.caBundle set and non-empty
  std::string failure_policy;  // as written; empty: the API version's default
  std::optional<int32_t> timeout_seconds;
  std::vector<WebhookRule> rules;
  LabelSelector namespace_selector;
  LabelSelector object_selector;
};

struct WebhookConfiguration : ObjectBase {
  bool mutating = false;
  std::vector<Webhook> webhooks;

  // The failure policy in force: v1 defaults to Fail, v1beta1 to Ignore.
  std::string effective_failure_policy(const Webhook& w) const {
    if (!w.failure_policy.empty()) return w.failure_policy;
    return api_version.ends_with("/v1beta1") ? "Ignore" : "Fail";
  }
};

struct APIService : ObjectBase {
  std::string group;
  std::string version;
  std::optional<ServiceReference> service;  // nil: served locally by kube-apiserver
  bool has_ca_bundle = false;
  bool insecure_skip_tls_verify = false;
  // status.conditions[type=Available]: nullopt when the status was not dumped.
  std::optional<bool> available;
};

struct CustomResourceDefinition : ObjectBase {
  std::string group;
  std::string plural;
  std::optional<ServiceReference> conversion_service;
  std::string conversion_url;  // conversion.webhook.clientConfig.url
  bool conversion_has_ca_bundle = false;
};

}  // namespace hybridctl::model
