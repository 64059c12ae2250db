// Selector matching and the node filters rules and placement run per pod ×
// node: label selectors, Service selectors, required node affinity over a
// 5,000-node cluster, taint filtering.
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "k8s/label_selector.h"
#include "k8s/node_affinity.h"
#include "k8s/taints.h"
#include "model/scheduling.h"

namespace hybridctl::bench {
namespace {

StringMap pod_labels() {
  return {{"app.kubernetes.io/instance", "svc-00042"},
          {"app.kubernetes.io/name", "svc-00042"},
          {"app.kubernetes.io/part-of", "team-007"},
          {"pod-template-hash", "7c9d8f6b5d"},
          {"version", "v1"}};
}

// 5,000 nodes as bench/gen makes them: 80% cloud across three AZs, 20% hybrid.
std::vector<StringMap> node_labels(int n) {
  std::vector<StringMap> nodes;
  nodes.reserve(n);
  for (int i = 0; i < n; ++i) {
    bool hybrid = i % 5 == 4;
    StringMap l{{"kubernetes.io/arch", "amd64"},
                {"kubernetes.io/os", "linux"},
                {"kubernetes.io/hostname", "node-" + std::to_string(i)},
                {"topology.kubernetes.io/zone", hybrid ? "onprem-dc1" : "us-west-2" + std::string(1, 'a' + i % 3)}};
    if (hybrid)
      l.set("eks.amazonaws.com/compute-type", "hybrid");
    else
      l.set("node.kubernetes.io/instance-type", "m6i.2xlarge");
    nodes.push_back(std::move(l));
  }
  return nodes;
}

void BM_LabelSelector_MatchLabels(benchmark::State& state) {
  model::LabelSelector s;
  s.present = true;
  s.match_labels = {{"app.kubernetes.io/name", "svc-00042"}};
  StringMap labels = pod_labels();
  for (auto _ : state) benchmark::DoNotOptimize(k8s::label_selector_matches(s, labels).matched);
}
BENCHMARK(BM_LabelSelector_MatchLabels);

void BM_LabelSelector_Expressions(benchmark::State& state) {
  model::LabelSelector s;
  s.present = true;
  s.match_expressions = {{"app.kubernetes.io/name", "In", {"svc-00041", "svc-00042"}},
                         {"version", "NotIn", {"v0"}},
                         {"pod-template-hash", "Exists", {}}};
  StringMap labels = pod_labels();
  for (auto _ : state) benchmark::DoNotOptimize(k8s::label_selector_matches(s, labels).matched);
}
BENCHMARK(BM_LabelSelector_Expressions);

void BM_ServiceSelector_Map(benchmark::State& state) {
  StringMap selector{{"app.kubernetes.io/name", "svc-00042"}};
  StringMap labels = pod_labels();
  for (auto _ : state) benchmark::DoNotOptimize(k8s::selector_map_matches(selector, labels));
}
BENCHMARK(BM_ServiceSelector_Map);

// The NodeAffinity Filter of one pod template against every node.
void BM_RequiredNodeAffinity_Nodes(benchmark::State& state) {
  model::NodeAffinity affinity;
  affinity.required.present = true;
  affinity.required.terms.push_back({{{"eks.amazonaws.com/compute-type", "NotIn", {"hybrid"}}}, {}});
  std::optional<model::NodeAffinity> a = affinity;
  StringMap node_selector{{"kubernetes.io/os", "linux"}};
  auto nodes = node_labels(static_cast<int>(state.range(0)));
  for (auto _ : state) {
    int fits = 0;
    for (const StringMap& n : nodes) fits += k8s::required_node_affinity_matches(node_selector, a, "", n);
    benchmark::DoNotOptimize(fits);
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * state.range(0)));
}
BENCHMARK(BM_RequiredNodeAffinity_Nodes)->Arg(5000);

void BM_TaintFilter(benchmark::State& state) {
  std::vector<model::Toleration> tolerations = {{"node.kubernetes.io/not-ready", "Exists", "", "NoExecute", 300},
                                                {"node.kubernetes.io/unreachable", "Exists", "", "NoExecute", 300}};
  std::vector<model::Taint> taints = {{"eks.amazonaws.com/compute-type", "hybrid", "NoSchedule"},
                                      {"dedicated", "gpu", "PreferNoSchedule"}};
  for (auto _ : state) benchmark::DoNotOptimize(k8s::first_untolerated_filtering_taint(tolerations, taints));
}
BENCHMARK(BM_TaintFilter);

}  // namespace
}  // namespace hybridctl::bench
