#include "analysis/traffic/service_weights.h"

#include <cmath>
#include <cstdlib>

namespace hybridctl::analysis::traffic {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

std::optional<double> parse_rate(std::string_view text) {
  std::string copy(text);
  char* end = nullptr;
  double v = std::strtod(copy.c_str(), &end);
  if (copy.empty() || end != copy.c_str() + copy.size() || !std::isfinite(v) || v < 0) return std::nullopt;
  return v;
}

}  // namespace

double ServiceWeights::of(const model::Service& service) const {
  auto it = rates.find(service.meta.ns + '/' + service.meta.name);
  return it == rates.end() ? 0.0 : it->second;
}

std::optional<ServiceWeights> parse_service_weights(std::string_view text, std::string& error) {
  ServiceWeights out;
  size_t line_no = 0;
  while (!text.empty()) {
    ++line_no;
    size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
    if (size_t hash = line.find('#'); hash != std::string_view::npos) line = line.substr(0, hash);
    line = trim(line);
    if (line.empty()) continue;
    size_t space = line.find_first_of(" \t");
    auto fail = [&](const std::string& why) {
      error = "line " + std::to_string(line_no) + ": " + why;
      return std::nullopt;
    };
    if (space == std::string_view::npos) return fail("expected NAMESPACE/NAME RATE");
    std::string_view name = line.substr(0, space);
    std::string_view rate_text = trim(line.substr(space));
    size_t slash = name.find('/');
    if (slash == std::string_view::npos || slash == 0 || slash + 1 == name.size() ||
        name.find('/', slash + 1) != std::string_view::npos) {
      return fail("\"" + std::string(name) + "\" is not NAMESPACE/NAME");
    }
    std::optional<double> rate = parse_rate(rate_text);
    if (!rate) return fail("\"" + std::string(rate_text) + "\" is not a non-negative number");
    if (!out.rates.emplace(std::string(name), *rate).second) {
      return fail(std::string(name) + " is listed twice");
    }
  }
  return out;
}

CrossEnvironmentShare cluster_share(std::span<const ServiceTraffic> services, const ServiceWeights* weights) {
  CrossEnvironmentShare out;
  double total = 0;
  for (const ServiceTraffic& st : services) {
    // Weighed equally, a Service without endpoints carries no traffic to share out.
    const double w = weights ? weights->of(*st.service) : (st.endpoints.empty() ? 0.0 : 1.0);
    out.cloud_to_hybrid += w * st.cloud_to_hybrid;
    out.hybrid_to_cloud += w * st.hybrid_to_cloud;
    total += w;
  }
  if (total > 0) {
    out.cloud_to_hybrid /= total;
    out.hybrid_to_cloud /= total;
  }
  return out;
}

}  // namespace hybridctl::analysis::traffic
