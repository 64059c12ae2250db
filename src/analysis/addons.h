// Recognises the components of the add-ons the source document names, by
// name, labels, image or their place in a webhook → Service → selector
// chain, so that chart-prefixed releases (default-certmanager-webhook) count.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "analysis/backends.h"
#include "model/snapshot.h"

namespace hybridctl::analysis {

enum class Addon { AwsLoadBalancerController, CloudWatchOperator, AdotOperator, CertManager };

struct AddonComponent {
  Addon addon;
  std::string component;  // controller, webhook, cainjector, startupapicheck, operator
  // The component answers admission/conversion calls (by design, or because
  // it backs a webhook in this input).
  bool serves_webhook = false;
  std::string evidence;  // how it was recognised, for the message
};

const char* addon_name(Addon a);
// The Helm chart (charts/) the add-on is installed from.
const char* addon_chart(Addon a);

std::optional<AddonComponent> recognise_addon(const model::Workload& workload, const std::vector<Backend>& backends);

// The image's repository name without registry, path and tag:
// "quay.io/jetstack/cert-manager-webhook:v1.14.4" → "cert-manager-webhook".
std::string image_name(std::string_view image);

}  // namespace hybridctl::analysis
