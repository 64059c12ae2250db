// Placement throughput at the scale: 150,000 pods (15,000
// Deployments of 10 replicas, four request sizes) on 5,000 nodes (4,000
// cloud nodes in 3 AZs, 1,000 hybrid nodes in 2 on-prem zones); every tenth
// Deployment requires cloud nodes (NotIn hybrid). Two variants: no pod
// affinity at all, and a third of the Deployments with the document's
// preferred hostname anti-affinity. Reports pods/s and the process's peak RSS.
//
//   cmake -S . -B build-rel -G Ninja -DCMAKE_BUILD_TYPE=Release -DHYBRIDCTL_BENCH=ON
//   cmake --build build-rel --target hybridctl_bench
//   build-rel/bench/hybridctl_bench --benchmark_filter=Placement
#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include <algorithm>
#include <ctime>
#include <string>

#include "analysis/placement/placement.h"

namespace hybridctl::analysis::placement {
namespace {

model::Snapshot make_cluster(bool with_anti_affinity) {
  model::Snapshot s;
  const char* cloud_zones[] = {"us-west-2a", "us-west-2b", "us-west-2c"};
  const char* onprem_zones[] = {"onprem-1", "onprem-2"};
  for (int i = 0; i < 5000; ++i) {
    model::Node n;
    n.api_version = "v1";
    n.kind = "Node";
    bool hybrid = i >= 4000;
    n.meta.name = (hybrid ? "mi-" : "ip-") + std::to_string(i);
    n.meta.labels.set(model::kHostnameLabel, n.meta.name);
    n.meta.labels.set(model::kZoneLabel, hybrid ? onprem_zones[i % 2] : cloud_zones[i % 3]);
    if (hybrid) n.meta.labels.set(model::kComputeTypeLabel, "hybrid");
    n.allocatable_cpu_milli = 32000;
    n.allocatable_memory_bytes = 128LL << 30;
    n.allocatable_pods = 110;
    n.ready = true;
    s.nodes.push_back(std::move(n));
  }
  const int64_t cpu[] = {100, 250, 500, 1000};
  const int64_t mem[] = {128LL << 20, 256LL << 20, 512LL << 20, 1LL << 30};
  for (int d = 0; d < 15000; ++d) {
    model::Workload w;
    w.api_version = "apps/v1";
    w.kind = "Deployment";
    w.workload_kind = model::WorkloadKind::Deployment;
    w.meta.ns = "ns-" + std::to_string(d % 50);
    w.meta.name = "app-" + std::to_string(d);
    w.replicas = 10;
    w.selector.present = true;
    w.selector.match_labels.set("app", w.meta.name);
    w.tmpl.labels.set("app", w.meta.name);
    model::Container c;
    c.name = "main";
    c.cpu_request_milli = cpu[d % 4];
    c.memory_request_bytes = mem[d % 4];
    w.tmpl.spec.containers.push_back(c);
    if (d % 10 == 0) {
      model::NodeAffinity na;
      na.required.present = true;
      na.required.terms.push_back({{{model::kComputeTypeLabel, "NotIn", {"hybrid"}}}, {}});
      w.tmpl.spec.affinity.emplace().node_affinity = na;
    }
    if (with_anti_affinity && d % 3 == 0) {
      model::WeightedPodAffinityTerm t;
      t.weight = 100;
      t.term.label_selector.present = true;
      t.term.label_selector.match_labels.set("app", w.meta.name);
      t.term.topology_key = model::kHostnameLabel;
      w.tmpl.spec.affinity.edit().pod_anti_affinity.emplace().preferred.push_back(t);
    }
    s.workloads.push_back(std::move(w));
  }
  s.build_indexes();
  return s;
}

void run(benchmark::State& state, bool with_anti_affinity) {
  model::Snapshot s = make_cluster(with_anti_affinity);
  size_t placed = 0, unschedulable = 0;
  double cpu_seconds = 0;
  for (auto _ : state) {
    std::clock_t start = std::clock();
    PlacementOptions options;
    options.record_feasible_nodes = false;  // 600 MB of output nobody reads here
    PlacementResult r = simulate(s, options);
    placed = r.simulated_pods.size();
    unschedulable = 0;
    for (const auto& w : r.workloads) unschedulable += std::count(w.placements.begin(), w.placements.end(), nullptr);
    benchmark::DoNotOptimize(r);
    cpu_seconds = static_cast<double>(std::clock() - start) / CLOCKS_PER_SEC;
  }
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  state.counters["pods_per_s"] =
      benchmark::Counter(static_cast<double>(placed + unschedulable), benchmark::Counter::kIsIterationInvariantRate);
  // The machine is shared: CPU time says what the code costs, wall time what
  // this run got.
  state.counters["pods_per_cpu_s"] = static_cast<double>(placed + unschedulable) / cpu_seconds;
  state.counters["placed"] = static_cast<double>(placed);
  state.counters["unschedulable"] = static_cast<double>(unschedulable);
  state.counters["peak_rss_MiB"] = static_cast<double>(usage.ru_maxrss) / 1024.0;
}

void BM_PlacementWithoutAntiAffinity(benchmark::State& state) { run(state, false); }
void BM_PlacementThirdWithPreferredAntiAffinity(benchmark::State& state) { run(state, true); }

BENCHMARK(BM_PlacementWithoutAntiAffinity)->Unit(benchmark::kMillisecond)->Iterations(1)->UseRealTime();
BENCHMARK(BM_PlacementThirdWithPreferredAntiAffinity)->Unit(benchmark::kMillisecond)->Iterations(1)->UseRealTime();

}  // namespace
}  // namespace hybridctl::analysis::placement
