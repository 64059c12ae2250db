#include "k8s/traffic_distribution.h"

#include <charconv>

namespace hybridctl::k8s {

HintsFeatureGates HintsFeatureGates::for_version(std::string_view version) {
  HintsFeatureGates gates;
  if (!version.empty() && (version[0] == 'v' || version[0] == 'V')) version.remove_prefix(1);
  size_t dot = version.find('.');
  if (dot == std::string_view::npos) return gates;
  int major = 0, minor = 0;
  auto [p1, e1] = std::from_chars(version.data(), version.data() + dot, major);
  auto [p2, e2] = std::from_chars(version.data() + dot + 1, version.data() + version.size(), minor);
  if (e1 != std::errc() || e2 != std::errc() || p1 != version.data() + dot || major != 1) return gates;
  gates.service_traffic_distribution = minor >= 31;
  gates.prefer_same_traffic_distribution = minor >= 34;
  return gates;
}

const std::string* topology_annotation(const StringMap& annotations) {
  if (const std::string* v = annotations.find(kTopologyAwareHintsAnnotation)) return v;
  return annotations.find(kTopologyModeAnnotation);
}

bool topology_annotation_enabled(const StringMap& annotations) {
  const std::string* v = topology_annotation(annotations);
  return v && (*v == "Auto" || *v == "auto");
}

MechanismChoice choose_hints_mechanism(const StringMap& annotations, std::string_view traffic_distribution,
                                       const HintsFeatureGates& gates) {
  MechanismChoice choice;
  if (topology_annotation_enabled(annotations)) {
    choice.mechanism = HintsMechanism::TopologyAuto;
    return choice;
  }
  if (traffic_distribution.empty()) {
    choice.why_none = "no trafficDistribution and no topology-mode: Auto annotation";
    return choice;
  }
  const bool prefer_close = traffic_distribution == "PreferClose";
  const bool prefer_same = traffic_distribution == "PreferSameZone" || traffic_distribution == "PreferSameNode";
  if (!prefer_close && !prefer_same) {
    choice.why_none =
        "trafficDistribution \"" + std::string(traffic_distribution) + "\" is not a value the controller knows";
    return choice;
  }
  if ((prefer_close && !gates.service_traffic_distribution) ||
      (prefer_same && !gates.prefer_same_traffic_distribution)) {
    choice.why_none = "trafficDistribution " + std::string(traffic_distribution) +
                      " is behind a feature gate this Kubernetes version leaves off";
    return choice;
  }
  choice.mechanism = HintsMechanism::TrafficDistribution;
  choice.node_hints = traffic_distribution == "PreferSameNode";
  return choice;
}

std::vector<Hints> traffic_distribution_hints(std::span<const ControllerEndpoint> endpoints, bool node_hints) {
  std::vector<Hints> out;
  out.reserve(endpoints.size());
  for (const ControllerEndpoint& ep : endpoints) {
    if (!ep.ready) {
      out.push_back(ep.existing_hints ? Hints(*ep.existing_hints) : std::nullopt);
      continue;
    }
    model::EndpointHints h;
    if (!ep.zone.empty()) h.for_zones.emplace_back(ep.zone);
    if (node_hints && !ep.node_name.empty()) h.for_nodes.emplace_back(ep.node_name);
    if (h.for_zones.empty() && h.for_nodes.empty()) {
      out.push_back(std::nullopt);
    } else {
      out.push_back(std::move(h));
    }
  }
  return out;
}

}  // namespace hybridctl::k8s
