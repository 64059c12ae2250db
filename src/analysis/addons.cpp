#include "analysis/addons.h"

#include <algorithm>

namespace hybridctl::analysis {
namespace {

bool is_or_ends_with(std::string_view s, std::string_view name) {
  if (s == name) return true;
  return s.size() > name.size() && s.ends_with(name) && s[s.size() - name.size() - 1] == '-';
}

struct Clue {
  std::string text;
  std::string source;  // "name", "image", "label app.kubernetes.io/name", ...
};

std::vector<Clue> clues_of(const model::Workload& w) {
  std::vector<Clue> out{{w.meta.name, "name"}};
  for (const char* key : {"app.kubernetes.io/name", "app", "k8s-app", "app.kubernetes.io/component"}) {
    if (auto v = w.meta.labels.get(key); !v.empty()) out.push_back({std::string(v), std::string("label ") + key});
    if (auto v = w.tmpl.labels.get(key); !v.empty()) out.push_back({std::string(v), std::string("label ") + key});
  }
  for (const auto& c : w.tmpl.spec.containers) out.push_back({image_name(c.image), "image " + c.image});
  return out;
}

// cert-manager's components, by the name their image, Deployment or chart labels give them.
std::optional<std::string> cert_manager_component(std::string_view s) {
  static const std::pair<std::string_view, std::string_view> names[] = {
      {"cert-manager-webhook", "webhook"},
      {"certmanager-webhook", "webhook"},
      {"cert-manager-cainjector", "cainjector"},
      {"certmanager-cainjector", "cainjector"},
      {"cert-manager-startupapicheck", "startupapicheck"},
      {"certmanager-startupapicheck", "startupapicheck"},
      {"cert-manager-ctl", "startupapicheck"},
      {"cert-manager-controller", "controller"},
      {"cert-manager", "controller"},
      {"certmanager", "controller"}};
  for (const auto& [n, component] : names) {
    if (is_or_ends_with(s, n)) return std::string(component);
  }
  return std::nullopt;
}

std::optional<AddonComponent> by_clues(const model::Workload& w) {
  for (const Clue& c : clues_of(w)) {
    if (is_or_ends_with(c.text, "aws-load-balancer-controller")) {
      return AddonComponent{Addon::AwsLoadBalancerController, "controller", true, c.source};
    }
    if (is_or_ends_with(c.text, "amazon-cloudwatch-observability-controller-manager") ||
        is_or_ends_with(c.text, "amazon-cloudwatch-agent-operator") || c.text == "cloudwatch-agent-operator") {
      return AddonComponent{Addon::CloudWatchOperator, "operator", true, c.source};
    }
    if (c.text.starts_with("opentelemetry-operator") || is_or_ends_with(c.text, "opentelemetry-operator") ||
        c.text == "adot-operator") {
      return AddonComponent{Addon::AdotOperator, "operator", true, c.source};
    }
    if (auto component = cert_manager_component(c.text)) {
      return AddonComponent{Addon::CertManager, *component, *component == "webhook", c.source};
    }
  }
  // A chart-rendered cert-manager names its parts only by chart label + component.
  std::string_view chart = w.meta.labels.get("helm.sh/chart");
  if (chart.starts_with("cert-manager") || chart.starts_with("certmanager")) {
    std::string_view component = w.meta.labels.get("app.kubernetes.io/component");
    std::string c = component.empty() ? "controller" : std::string(component);
    return AddonComponent{Addon::CertManager, c, c == "webhook", "label helm.sh/chart"};
  }
  return std::nullopt;
}

// The webhook chain: a workload behind a webhook whose configuration or
// Service names an add-on is that add-on's webhook.
std::optional<AddonComponent> by_chain(const model::Workload& w, const std::vector<Backend>& backends) {
  for (const Backend& b : backends) {
    if (std::find(b.workloads.begin(), b.workloads.end(), &w) == b.workloads.end()) continue;
    std::vector<std::string> names{b.service_name};
    for (const Caller& c : b.callers) names.push_back(c.object->meta.name);
    for (const std::string& n : names) {
      std::string evidence = "webhook chain via " + n;
      if (n.find("aws-load-balancer") != std::string::npos)
        return AddonComponent{Addon::AwsLoadBalancerController, "controller", true, evidence};
      if (n.find("cert-manager") != std::string::npos || n.find("certmanager") != std::string::npos) {
        return AddonComponent{Addon::CertManager, "webhook", true, evidence};
      }
      if (n.find("opentelemetry-operator") != std::string::npos)
        return AddonComponent{Addon::AdotOperator, "operator", true, evidence};
      if (n.find("amazon-cloudwatch") != std::string::npos)
        return AddonComponent{Addon::CloudWatchOperator, "operator", true, evidence};
    }
  }
  return std::nullopt;
}

}  // namespace

const char* addon_name(Addon a) {
  switch (a) {
    case Addon::AwsLoadBalancerController:
      return "AWS Load Balancer Controller";
    case Addon::CloudWatchOperator:
      return "CloudWatch Observability operator";
    case Addon::AdotOperator:
      return "ADOT (OpenTelemetry) operator";
    case Addon::CertManager:
      return "cert-manager";
  }
  return "?";
}

const char* addon_chart(Addon a) {
  switch (a) {
    case Addon::AwsLoadBalancerController:
      return "aws-load-balancer-controller";
    case Addon::CloudWatchOperator:
      return "amazon-cloudwatch-observability";
    case Addon::AdotOperator:
      return "opentelemetry-operator";
    case Addon::CertManager:
      return "cert-manager";
  }
  return "";
}

std::string image_name(std::string_view image) {
  if (size_t at = image.find('@'); at != std::string_view::npos) image = image.substr(0, at);
  size_t slash = image.rfind('/');
  std::string_view last = slash == std::string_view::npos ? image : image.substr(slash + 1);
  if (size_t colon = last.find(':'); colon != std::string_view::npos) last = last.substr(0, colon);
  return std::string(last);
}

std::optional<AddonComponent> recognise_addon(const model::Workload& workload, const std::vector<Backend>& backends) {
  auto found = by_clues(workload);
  if (!found) found = by_chain(workload, backends);
  if (!found) return std::nullopt;
  // Backing a webhook in this input makes any component a webhook server.
  for (const Backend& b : backends) {
    if (std::find(b.workloads.begin(), b.workloads.end(), &workload) != b.workloads.end()) found->serves_webhook = true;
  }
  return found;
}

}  // namespace hybridctl::analysis
