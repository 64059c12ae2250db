// What trafficDistribution: PreferClose would change for a Service (HN007):
// which environments its backends are in now or may be placed in, and the
// share of connections crossing between cloud and on premises as it runs
// and under PreferClose. The rules read these through Analyses, which
// memoises them per Service and per workload.
#pragma once

#include "analysis/traffic/traffic_context.h"
#include "analysis/traffic/traffic_model.h"
#include "model/snapshot.h"

namespace hybridctl::analysis::traffic {

// Which environments a Service's backends are in now (its serving
// endpoints) or may be placed in (its workloads' templates).
struct BackendSides {
  bool cloud = false;
  bool hybrid = false;
  bool known = false;  // some backend endpoint or workload was found

  void add(const BackendSides& other);
};

// The sides of the endpoints of `now` that serve, observed or where the
// placement puts the missing replicas.
BackendSides endpoint_sides(const ServiceTraffic& now);

// The sides a workload's template passes the static filters on.
BackendSides placeable_sides(const model::Snapshot& snapshot, const model::Workload& workload);

// The crossing shares as the Service runs now and under PreferClose; `known`
// is false without endpoints.
struct CrossingShares {
  bool known = false;
  double now_cloud_to_hybrid = 0, now_hybrid_to_cloud = 0;
  double close_cloud_to_hybrid = 0, close_hybrid_to_cloud = 0;

  // PreferClose would change nothing (e.g. internalTrafficPolicy: Local, or
  // endpoints on one side only).
  bool nothing_to_gain() const;
  bool crosses_now() const;
};

// `now` is the Service's traffic as the cluster runs it (the shared model's);
// only PreferClose is modelled here.
CrossingShares prefer_close_shares(const TrafficContext& context, const ServiceTraffic& now);

}  // namespace hybridctl::analysis::traffic
