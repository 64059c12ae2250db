// The traffic model at issue 5's scale: 10,000 Services, 150,000 endpoints,
// 5,000 nodes in 40 zones (36 cloud, 4 on-prem). Target: the full model under
// one second on one core (Release). The cluster is built in memory, seeded,
// so decoding is not measured here.
#include <benchmark/benchmark.h>

#include <random>

#include "analysis/traffic/traffic_context.h"
#include "analysis/traffic/traffic_model.h"
#include "k8s/proxy_topology.h"

namespace {

using namespace hybridctl;

constexpr int kNodes = 5000, kZones = 40, kHybridZones = 4, kServices = 10000, kEndpointsPerService = 15;

std::string zone_name(int z) {
  return z < kHybridZones ? "onprem-" + std::to_string(z) : "us-west-2-az" + std::to_string(z);
}

// A tenth of the Services have PreferClose with hints already written, a twentieth
// topology-mode Auto with hints, a twentieth internalTrafficPolicy Local; the rest
// nothing. Endpoints land on random nodes, a few not ready.
const model::Snapshot& cluster() {
  static model::Snapshot s = [] {
    model::Snapshot s;
    std::mt19937 rng(42);
    s.nodes.reserve(kNodes);
    for (int i = 0; i < kNodes; ++i) {
      model::Node n;
      int z = i % kZones;
      n.meta.name = "node-" + std::to_string(i) + ".us-west-2.compute.internal";
      n.meta.labels.set(model::kZoneLabel, zone_name(z));
      if (z < kHybridZones) n.meta.labels.set(model::kComputeTypeLabel, "hybrid");
      n.allocatable_cpu_milli = 4000 + 1000 * (i % 3);
      n.ready = true;
      s.nodes.push_back(std::move(n));
    }
    s.services.reserve(kServices);
    s.endpoint_slices.reserve(kServices);
    std::uniform_int_distribution<int> pick_node(0, kNodes - 1);
    for (int i = 0; i < kServices; ++i) {
      model::Service svc;
      svc.meta.ns = "ns-" + std::to_string(i % 100);
      svc.meta.name = "svc-" + std::to_string(i);
      svc.selector.set("app", svc.meta.name);
      svc.has_selector = true;
      svc.cluster_ip = "172.20." + std::to_string(i / 250) + "." + std::to_string(i % 250);
      const int kind = i % 20;
      if (kind < 2) svc.traffic_distribution = "PreferClose";
      if (kind == 2) svc.meta.annotations.set("service.kubernetes.io/topology-mode", "Auto");
      if (kind == 3) svc.internal_traffic_policy = "Local";
      model::EndpointSlice slice;
      slice.meta.ns = svc.meta.ns;
      slice.meta.name = svc.meta.name + "-abcde";
      slice.service_name = svc.meta.name;
      slice.address_type = "IPv4";
      for (int e = 0; e < kEndpointsPerService; ++e) {
        const model::Node& n = s.nodes[pick_node(rng)];
        model::Endpoint ep;
        ep.addresses.push_back("10." + std::to_string(i / 250) + "." + std::to_string(i % 250) + "." +
                               std::to_string(e + 1));
        ep.node_name = n.meta.name;
        ep.zone = std::string(n.zone());
        ep.ready = (rng() % 50) != 0;
        ep.target_kind = "Pod";
        ep.target_name = svc.meta.name + "-" + std::to_string(e);
        if (kind < 3 && *ep.ready) ep.hints = model::EndpointHints{{ep.zone}, {}};
        slice.endpoints.push_back(std::move(ep));
      }
      s.services.push_back(std::move(svc));
      s.endpoint_slices.push_back(std::move(slice));
    }
    s.build_indexes();
    return s;
  }();
  return s;
}

void BM_TrafficModelFullCluster(benchmark::State& state) {
  const model::Snapshot& s = cluster();
  size_t routes = 0;
  for (auto _ : state) {
    analysis::traffic::TrafficContext context(analysis::traffic::TrafficInputs{s});
    std::vector<analysis::traffic::ServiceTraffic> all = analysis::traffic::model_traffic(context);
    benchmark::DoNotOptimize(all.data());
    state.PauseTiming();  // freeing the result is not part of the model
    routes = 0;
    for (const auto& st : all) routes += st.routes.size();
    all = {};
    state.ResumeTiming();
  }
  state.counters["services"] = static_cast<double>(s.services.size());
  state.counters["routes"] = static_cast<double>(routes);
}
BENCHMARK(BM_TrafficModelFullCluster)->Unit(benchmark::kMillisecond)->Iterations(3);

void BM_CategorizeEndpoints(benchmark::State& state) {
  std::vector<model::EndpointHints> hints(kEndpointsPerService);
  std::vector<k8s::ProxyEndpoint> eps(kEndpointsPerService);
  for (int i = 0; i < kEndpointsPerService; ++i) {
    hints[i].for_zones.push_back(zone_name(i % kZones));
    eps[i] = {"node", true, true, false, &hints[i]};
  }
  k8s::ProxyNode node{"node-x", zone_name(3)};
  for (auto _ : state) {
    auto got = k8s::categorize_endpoints(eps, {}, node, {});
    benchmark::DoNotOptimize(got.cluster.data());
  }
}
BENCHMARK(BM_CategorizeEndpoints);

}  // namespace
