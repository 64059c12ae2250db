#include "analysis/analyses.h"

#include "analysis/placement/what_ifs.h"
#include "core/hash_mix.h"
#include "model/content_hash.h"

namespace hybridctl::analysis {

const Routability& Analyses::routability() {
  routability_once_.call([this] { routability_ = std::make_unique<Routability>(snapshot_); });
  return *routability_;
}

const EndpointLocator& Analyses::endpoint_locator() {
  locator_once_.call([this] { locator_ = std::make_unique<EndpointLocator>(snapshot_, routability()); });
  return *locator_;
}

const Reachability& Analyses::reachability() {
  reachability_once_.call([this] { reachability_ = std::make_unique<Reachability>(snapshot_, routability()); });
  return *reachability_;
}

const PodsByName& Analyses::pods_by_name() {
  pods_by_name_once_.call([this] { pods_by_name_.emplace(snapshot_.pods); });
  return *pods_by_name_;
}

PodFinder Analyses::pod_finder() {
  return [&index = pods_by_name()](std::string_view ns, std::string_view name) { return index.find(ns, name); };
}

const ServiceEndpoints& Analyses::ready_endpoints(const model::Service& service) {
  const EndpointLocator& locator = endpoint_locator();
  PodFinder find_pod = pod_finder();
  std::lock_guard lock(endpoints_mutex_);
  auto& slot = ready_endpoints_[&service];
  if (!slot) {
    slot = std::make_unique<ServiceEndpoints>(analysis::ready_endpoints(snapshot_, locator, find_pod, service));
  }
  return *slot;
}

const std::vector<Backend>& Analyses::backends() {
  backends_once_.call(
      [this] { backends_ = find_backends(snapshot_, endpoint_locator(), pod_finder(), selected_workloads()); });
  return *backends_;
}

const placement::PlacementResult& Analyses::placement() {
  placement_once_.call([this] {
    placement::PlacementOptions options;
    options.seed = seed_;
    options.record_feasible_nodes = false;  // rules read placements, not the per-node lists
    options.check_guarantees = false;
    placement_ = placement::simulate(snapshot_, options, &bound_pods());
  });
  return *placement_;
}

const placement::BoundPods& Analyses::bound_pods() {
  bound_pods_once_.call([this] { bound_pods_.emplace(snapshot_); });
  return *bound_pods_;
}

const traffic::TrafficContext& Analyses::traffic_context() {
  traffic_context_once_.call([this] {
    traffic_context_ = std::make_unique<traffic::TrafficContext>(
        traffic::TrafficInputs{snapshot_, placement().simulated_pods, &endpoint_locator(), &pods_by_name()});
  });
  return *traffic_context_;
}

const std::vector<traffic::ServiceTraffic>& Analyses::traffic() {
  traffic_once_.call([this] { traffic_ = traffic::model_traffic(traffic_context()); });
  return *traffic_;
}

const traffic::ServiceTraffic* Analyses::traffic_of(const model::Service& service) {
  const std::vector<traffic::ServiceTraffic>& all = traffic();
  traffic_by_service_once_.call([&] {
    for (const traffic::ServiceTraffic& st : all) traffic_by_service_[st.service] = &st;
  });
  auto it = traffic_by_service_.find(&service);
  return it == traffic_by_service_.end() ? nullptr : it->second;
}

const SelectedWorkloads& Analyses::selected_workloads() {
  selected_workloads_once_.call([this] { selected_workloads_ = std::make_unique<SelectedWorkloads>(snapshot_); });
  return *selected_workloads_;
}

const traffic::BackendSides& Analyses::placeable_sides(const model::Workload& workload) {
  return placeable_sides_.get(&workload, [&] { return traffic::placeable_sides(snapshot_, workload); });
}

traffic::BackendSides Analyses::backend_sides(const model::Service& service) {
  traffic::BackendSides sides;
  if (const traffic::ServiceTraffic* now = traffic_of(service)) sides = traffic::endpoint_sides(*now);
  for (const model::Workload* w : selected_workloads().of(service)) sides.add(placeable_sides(*w));
  return sides;
}

const traffic::CrossingShares& Analyses::prefer_close_shares(const model::Service& service) {
  const traffic::ServiceTraffic* now = traffic_of(service);
  return prefer_close_shares_.get(&service, [&] {
    return now ? traffic::prefer_close_shares(traffic_context(), *now) : traffic::CrossingShares{};
  });
}

size_t Analyses::ReplicaOddsKeyHash::operator()(const ReplicaOddsKey& k) const {
  size_t h = hash_mix(kHashSeed, hash_of(k.ns));
  h = hash_mix(h, hash_of(k.name));
  h = hash_mix(h, k.replicas.value_or(-1));
  h = hash_mix(h, model::content_hash(k.tmpl.labels));
  h = hash_mix(h, model::content_hash(k.tmpl.spec));
  h = hash_mix(h, hash_of(k.unzoned_hybrid_zone));
  return hash_mix(h, static_cast<size_t>(k.runs));  // kind, selector, annotations: compared, not hashed
}

const placement::ReplicaOdds& Analyses::replica_odds(const model::Workload& workload, int fallback_runs,
                                                     const std::string& unzoned_hybrid_zone) {
  ReplicaOddsKey key{.ns = workload.meta.ns,
                     .name = workload.meta.name,
                     .kind = workload.workload_kind,
                     .replicas = workload.replicas,
                     .selector = workload.selector,
                     .tmpl = workload.tmpl,
                     .unzoned_hybrid_zone = unzoned_hybrid_zone,
                     .runs = odds_runs(fallback_runs)};
  return replica_odds_.get(key, [&] {
    const model::Snapshot& on = unzoned_hybrid_zone.empty() ? snapshot_ : with_hybrid_zones(unzoned_hybrid_zone);
    return placement::place_alone(on, workload, 1, key.runs);
  });
}

const model::Snapshot& Analyses::with_hybrid_zones(const std::string& zone) {
  return *hybrid_zoned_snapshots_.get(
      zone, [&] { return std::make_shared<const model::Snapshot>(placement::with_hybrid_zones(snapshot_, zone)); });
}

bool Analyses::all_replicas_placeable(const model::Workload& original, const std::string& change,
                                      const model::Workload& patched) {
  // Computed outside the memo's lock: a rule reading another answer need not wait.
  return placeable_.get({&original, change}, [&] {
    service_selectors_once_.call(
        [this] { service_selectors_ = std::make_unique<placement::ServicesBySelectorPair>(snapshot_); });
    std::lock_guard lock(placed_cluster_mutex_);
    if (!placed_cluster_) {
      placed_cluster_ = std::make_unique<placement::PlacedCluster>(snapshot_, bound_pods(), service_selectors_.get());
    }
    return placed_cluster_->all_replicas_placeable(patched);
  });
}

bool Analyses::has_hybrid_nodes() const {
  for (const auto& n : snapshot_.nodes) {
    if (n.is_hybrid()) return true;
  }
  return false;
}

bool Analyses::has_cloud_nodes() const {
  for (const auto& n : snapshot_.nodes) {
    if (!n.is_hybrid()) return true;
  }
  return false;
}

}  // namespace hybridctl::analysis
