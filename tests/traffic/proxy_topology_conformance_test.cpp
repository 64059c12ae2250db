// Runs tests/conformance/traffic/proxy-topology.yaml against
// src/k8s/proxy_topology (kube-proxy's CategorizeEndpoints): one named test per
// upstream case.
#include <algorithm>

#include "k8s/proxy_topology.h"
#include "traffic/conformance_data.h"

namespace hybridctl::k8s {
namespace proxy_topology_conformance_test {

using testing::flag;
using testing::str;
using testing::strings;

struct CaseParam {
  Value data;
  std::string name;
};

// CTest shows each parameter beside its test's name: the case's name, not a
// dump of its bytes.
void PrintTo(const CaseParam& c, std::ostream* os) { *os << c.name; }

std::vector<CaseParam> cases() {
  std::vector<CaseParam> out;
  for (Value& v : testing::conformance_cases("proxy-topology.yaml", "cases")) {
    out.push_back({v, testing::param_name(str(v, "name"))});
  }
  return out;
}

class ProxyTopologyConformance : public ::testing::TestWithParam<CaseParam> {};

std::vector<std::string> sorted(std::vector<std::string> v) {
  std::sort(v.begin(), v.end());
  return v;
}

TEST_P(ProxyTopologyConformance, CategorizeEndpoints) {
  const Value& c = GetParam().data;
  SCOPED_TRACE(str(c, "upstream"));
  const Value empty = Value::object(0);
  const Value* node_v = c.get("node");
  const Value* svc_v = c.get("service");
  const Value* gates_v = c.get("gates");
  const std::string node_name = str(node_v ? *node_v : empty, "name", "node-a");
  const std::string node_zone = str(node_v ? *node_v : empty, "zone");

  HintsFeatureGates gates;
  if (gates_v) {
    gates.service_traffic_distribution = testing::opt_bool(*gates_v, "serviceTrafficDistribution").value_or(true);
    gates.prefer_same_traffic_distribution =
        testing::opt_bool(*gates_v, "preferSameTrafficDistribution").value_or(true);
  }
  StringMap annotations;
  if (c.get("annotation")) annotations.set("service.kubernetes.io/topology-mode", str(c, "annotation"));
  ProxyServicePolicy policy;
  if (svc_v) {
    policy.internal_local = flag(*svc_v, "internalLocal");
    policy.external_local = flag(*svc_v, "externalLocal");
    policy.externally_accessible = flag(*svc_v, "externallyAccessible");
  }
  std::vector<std::string> ips;
  std::vector<std::string> node_names;
  std::vector<model::EndpointHints> hints;
  const auto& items = c.get("endpoints")->items();
  ips.reserve(items.size());
  node_names.reserve(items.size());
  hints.reserve(items.size());
  std::vector<ProxyEndpoint> endpoints;
  for (const Value& e : items) {
    ips.push_back(str(e, "ip"));
    node_names.push_back(flag(e, "local") ? node_name : "other-node");
    hints.push_back({strings(e, "zones"), strings(e, "nodes")});
    ProxyEndpoint ep;
    ep.node_name = node_names.back();
    ep.ready = flag(e, "ready");
    ep.serving = flag(e, "serving");
    ep.terminating = flag(e, "terminating");
    ep.hints = &hints.back();
    endpoints.push_back(ep);
  }
  CategorizedEndpoints got =
      categorize_endpoints(endpoints, policy, {node_name, node_zone}, kube_proxy_hint_support(annotations, gates));
  auto names = [&](const std::vector<uint32_t>& idx) {
    std::vector<std::string> out;
    for (uint32_t i : idx) out.push_back(ips[i]);
    return sorted(out);
  };
  const bool cluster_null = testing::is_null(c, "cluster");
  const bool local_null = testing::is_null(c, "local");
  EXPECT_EQ(got.uses_cluster, !cluster_null);
  EXPECT_EQ(got.uses_local, !local_null);
  if (!cluster_null) {
    EXPECT_EQ(names(got.cluster), sorted(strings(c, "cluster"))) << "cluster endpoints";
  }
  if (!local_null) {
    EXPECT_EQ(names(got.local), sorted(strings(c, "local"))) << "local endpoints";
  }
  std::vector<std::string> all = c.get("all")   ? strings(c, "all")
                                 : cluster_null ? strings(c, "local")
                                                : strings(c, "cluster");
  EXPECT_EQ(names(got.all_reachable), sorted(all)) << "all reachable endpoints";
  const bool has_any = testing::opt_bool(c, "hasAny").value_or(!all.empty());
  EXPECT_EQ(got.has_any_endpoints, has_any);
}

INSTANTIATE_TEST_SUITE_P(Upstream, ProxyTopologyConformance, ::testing::ValuesIn(cases()),
                         [](const ::testing::TestParamInfo<CaseParam>& info) { return info.param.name; });

TEST(ProxyTopologyConformanceData, HasTheUpstreamCases) { EXPECT_GE(cases().size(), 35u); }

}  // namespace proxy_topology_conformance_test
}  // namespace hybridctl::k8s
