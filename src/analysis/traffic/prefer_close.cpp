#include "analysis/traffic/prefer_close.h"

#include "analysis/feasibility.h"

namespace hybridctl::analysis::traffic {
namespace {

// Shares closer than half a percent print alike ("0%"): no change.
constexpr double kNoChange = 0.005;

}  // namespace

void BackendSides::add(const BackendSides& other) {
  known = known || other.known;
  cloud = cloud || other.cloud;
  hybrid = hybrid || other.hybrid;
}

BackendSides endpoint_sides(const ServiceTraffic& now) {
  BackendSides s;
  for (const EndpointView& e : now.endpoints) {
    if (e.node.empty() || (!e.ready && !e.serving)) continue;
    s.known = true;
    (e.environment == model::Environment::Hybrid ? s.hybrid : s.cloud) = true;
  }
  return s;
}

BackendSides placeable_sides(const model::Snapshot& snapshot, const model::Workload& workload) {
  BackendSides s;
  s.known = true;
  s.cloud = feasible_in(snapshot, workload.tmpl.spec, model::Environment::Cloud);
  s.hybrid = feasible_in(snapshot, workload.tmpl.spec, model::Environment::Hybrid);
  return s;
}

bool CrossingShares::nothing_to_gain() const {
  auto same = [](double a, double b) { return a - b < kNoChange && b - a < kNoChange; };
  return known && same(now_cloud_to_hybrid, close_cloud_to_hybrid) && same(now_hybrid_to_cloud, close_hybrid_to_cloud);
}

bool CrossingShares::crosses_now() const {
  return now_cloud_to_hybrid >= kNoChange || now_hybrid_to_cloud >= kNoChange;
}

CrossingShares prefer_close_shares(const TrafficContext& context, const ServiceTraffic& now) {
  CrossingShares out;
  if (!now.service || now.endpoints.empty()) return out;
  ServiceTraffic close = model_service(context, *now.service, "PreferClose");
  out.known = true;
  out.now_cloud_to_hybrid = now.cloud_to_hybrid;
  out.now_hybrid_to_cloud = now.hybrid_to_cloud;
  out.close_cloud_to_hybrid = close.cloud_to_hybrid;
  out.close_hybrid_to_cloud = close.hybrid_to_cloud;
  return out;
}

}  // namespace hybridctl::analysis::traffic
