// Runs tests/conformance/traffic/trafficdist.yaml and topology-aware-hints.yaml
// against src/k8s/traffic_distribution and src/k8s/topology_aware_hints (the
// EndpointSlice controller's two hint heuristics): one named test per case.
#include <cmath>

#include "k8s/topology_aware_hints.h"
#include "k8s/traffic_distribution.h"
#include "traffic/conformance_data.h"

namespace hybridctl::k8s {
namespace hints_conformance_test {

using testing::str;
using testing::strings;

struct CaseParam {
  Value data;
  std::string name;
};

// CTest shows each parameter beside its test's name: the case's name, not a
// dump of its bytes.
void PrintTo(const CaseParam& c, std::ostream* os) { *os << c.name; }

std::vector<CaseParam> cases(const std::string& file, const std::string& section) {
  std::vector<CaseParam> out;
  for (Value& v : testing::conformance_cases(file, section)) out.push_back({v, testing::param_name(str(v, "name"))});
  return out;
}

std::string param_name(const ::testing::TestParamInfo<CaseParam>& info) { return info.param.name; }

// Endpoints of a case, with storage that outlives the ControllerEndpoint views.
struct CaseEndpoints {
  std::vector<std::string> zones, nodes;
  std::vector<std::optional<model::EndpointHints>> existing;
  std::vector<ControllerEndpoint> views;
};

void read_endpoints(const Value& c, CaseEndpoints& out) {
  const Value* list = c.get("endpoints");
  const size_t n = list ? list->items().size() : 0;
  out.zones.reserve(n);
  out.nodes.reserve(n);
  out.existing.reserve(n);
  for (size_t i = 0; i < n; ++i) {
    const Value& e = list->items()[i];
    out.zones.push_back(str(e, "zone"));
    out.nodes.push_back(str(e, "node"));
    out.existing.push_back(testing::hints_of(e.get("hints")));
    out.views.push_back({out.zones.back(), out.nodes.back(), testing::opt_bool(e, "ready").value_or(false),
                         out.existing.back() ? &*out.existing.back() : nullptr});
  }
}

void expect_hints(const Value& c, const std::vector<Hints>& got) {
  const Value* expect = c.get("expect");
  ASSERT_TRUE(expect && expect->is_array());
  ASSERT_EQ(got.size(), expect->items().size());
  for (size_t i = 0; i < got.size(); ++i) {
    auto want = testing::hints_of(&expect->items()[i]);
    EXPECT_TRUE(testing::same_hints(got[i], want))
        << "endpoint " << i << ": got " << testing::hints_text(got[i]) << ", want " << testing::hints_text(want);
  }
}

std::vector<model::Node> case_nodes(const Value& c) {
  std::vector<model::Node> nodes;
  const Value* list = c.get("nodes");
  if (!list) return nodes;
  int serial = 0;
  for (const Value& n : list->items()) {
    model::Node node;
    node.meta.name = "node-" + std::to_string(++serial);
    if (n.get("zone")) node.meta.labels.set(model::kZoneLabel, str(n, "zone"));
    if (const Value* labels = n.get("labels")) {
      for (const auto& [k, v] : labels->members()) node.meta.labels.set(k, v.text());
    }
    node.allocatable_cpu_milli = static_cast<int64_t>(testing::num(n, "cpuMilli"));
    node.ready = testing::opt_bool(n, "ready");
    nodes.push_back(std::move(node));
  }
  return nodes;
}

std::map<std::string, double> ratios_of(const Value* v) {
  std::map<std::string, double> out;
  if (v) {
    for (const auto& [k, x] : v->members()) out[k] = std::stod(x.text());
  }
  return out;
}

// --- trafficdist.yaml: mechanism choice and PreferClose / PreferSameZone / PreferSameNode ---

class TrafficDistributionConformance : public ::testing::TestWithParam<CaseParam> {};

TEST_P(TrafficDistributionConformance, ReconcileHints) {
  const Value& c = GetParam().data;
  SCOPED_TRACE(str(c, "upstream"));
  HintsFeatureGates gates;
  if (const Value* g = c.get("gates")) {
    gates.service_traffic_distribution = testing::opt_bool(*g, "serviceTrafficDistribution").value_or(true);
    gates.prefer_same_traffic_distribution = testing::opt_bool(*g, "preferSameTrafficDistribution").value_or(true);
  }
  StringMap annotations;
  if (const Value* a = c.get("annotations")) {
    for (const auto& [k, v] : a->members()) annotations.set(k, v.text());
  }
  MechanismChoice choice = choose_hints_mechanism(annotations, str(c, "trafficDistribution"), gates);
  const std::string mechanism = choice.mechanism == HintsMechanism::None                  ? "None"
                                : choice.mechanism == HintsMechanism::TrafficDistribution ? "TrafficDistribution"
                                                                                          : "TopologyAuto";
  EXPECT_EQ(mechanism, str(c, "mechanism"));
  EXPECT_EQ(choice.why_none.empty(), choice.mechanism != HintsMechanism::None);
  if (!c.get("expect")) return;
  CaseEndpoints eps;
  read_endpoints(c, eps);
  std::vector<Hints> got = choice.mechanism == HintsMechanism::TrafficDistribution
                               ? traffic_distribution_hints(eps.views, choice.node_hints)
                               : std::vector<Hints>(eps.views.size());
  expect_hints(c, got);
}

INSTANTIATE_TEST_SUITE_P(Upstream, TrafficDistributionConformance,
                         ::testing::ValuesIn(cases("trafficdist.yaml", "cases")), param_name);

// --- topology-aware-hints.yaml ---

class TopologyCensusConformance : public ::testing::TestWithParam<CaseParam> {};

TEST_P(TopologyCensusConformance, SetNodes) {
  const Value& c = GetParam().data;
  SCOPED_TRACE(str(c, "upstream"));
  std::vector<model::Node> nodes = case_nodes(c);
  ZoneCpuCensus census = zone_cpu_census(nodes);
  if (testing::flag(c, "insufficient")) {
    EXPECT_FALSE(census.sufficient());
    EXPECT_TRUE(census.ratios.empty());
    return;
  }
  EXPECT_TRUE(census.sufficient()) << census.insufficient_reason;
  EXPECT_EQ(census.ratios, ratios_of(c.get("ratios")));
}

INSTANTIATE_TEST_SUITE_P(Upstream, TopologyCensusConformance,
                         ::testing::ValuesIn(cases("topology-aware-hints.yaml", "census")), param_name);

class TopologyAllocationConformance : public ::testing::TestWithParam<CaseParam> {};

TEST_P(TopologyAllocationConformance, GetAllocations) {
  const Value& c = GetParam().data;
  SCOPED_TRACE(str(c, "upstream"));
  Allocations got = allocate_zones(ratios_of(c.get("ratios")), static_cast<int>(testing::num(c, "endpoints")));
  if (c.get("removed")) {
    EXPECT_EQ(got.removed_reason.rfind(str(c, "removed"), 0), 0u) << got.removed_reason;
    EXPECT_TRUE(got.zones.empty());
    return;
  }
  ASSERT_EQ(got.removed_reason, "");
  std::map<std::string, std::pair<int, int>> want, have;
  for (const auto& [zone, z] : c.get("zones")->members()) {
    want[zone] = {static_cast<int>(testing::num(z, "minimum")), static_cast<int>(testing::num(z, "maximum"))};
  }
  for (const auto& [zone, a] : got.zones) have[zone] = {a.minimum, a.maximum};
  EXPECT_EQ(have, want);
}

INSTANTIATE_TEST_SUITE_P(Upstream, TopologyAllocationConformance,
                         ::testing::ValuesIn(cases("topology-aware-hints.yaml", "allocations")), param_name);

class TopologyTransferConformance : public ::testing::TestWithParam<CaseParam> {};

std::map<std::string, int> counts_of(const Value* v) {
  std::map<std::string, int> out;
  if (v) {
    for (const auto& [k, x] : v->members()) out[k] = std::stoi(x.text());
  }
  return out;
}

TEST_P(TopologyTransferConformance, GetGivingAndReceivingZones) {
  const Value& c = GetParam().data;
  SCOPED_TRACE(str(c, "upstream"));
  std::map<std::string, ZoneAllocation> allocations;
  for (const auto& [zone, d] : ratios_of(c.get("desired"))) allocations[zone].desired = d;
  ZoneTransfers got = giving_and_receiving_zones(allocations, counts_of(c.get("allocated")));
  EXPECT_EQ(got.giving, counts_of(c.get("giving")));
  EXPECT_EQ(got.receiving, counts_of(c.get("receiving")));
}

INSTANTIATE_TEST_SUITE_P(Upstream, TopologyTransferConformance,
                         ::testing::ValuesIn(cases("topology-aware-hints.yaml", "transfers")), param_name);

class TopologyAddHintsConformance : public ::testing::TestWithParam<CaseParam> {};

TEST_P(TopologyAddHintsConformance, AddHints) {
  const Value& c = GetParam().data;
  SCOPED_TRACE(str(c, "upstream"));
  ZoneCpuCensus census;
  if (c.get("nodes")) {
    std::vector<model::Node> nodes = case_nodes(c);
    census = zone_cpu_census(nodes);
  } else {
    census.ratios = ratios_of(c.get("ratios"));  // as upstream's tests set cpuRatiosByZone
  }
  CaseEndpoints eps;
  read_endpoints(c, eps);
  AutoHints got = topology_aware_hints(census, eps.views);
  if (c.get("removed")) {
    EXPECT_NE(got.removed_reason.find(str(c, "removed")), std::string::npos) << got.removed_reason;
    for (const Hints& h : got.hints) EXPECT_FALSE(h.has_value());
    return;
  }
  EXPECT_EQ(got.removed_reason, "");
  expect_hints(c, got.hints);
  if (auto ambiguous = testing::opt_bool(c, "ambiguous")) {
    EXPECT_EQ(got.ambiguous, *ambiguous);
  }
}

INSTANTIATE_TEST_SUITE_P(Upstream, TopologyAddHintsConformance,
                         ::testing::ValuesIn(cases("topology-aware-hints.yaml", "addHints")), param_name);

// The overload test the controller runs on Node changes (serviceOverloaded).
TEST(TopologyAwareHints, ServiceOverloadedWhenAZoneHasNoHintedEndpoint) {
  EXPECT_TRUE(service_overloaded({{"zone-a", 3}}, {{"zone-a", 0.5}, {"zone-b", 0.5}}));
  EXPECT_FALSE(service_overloaded({{"zone-a", 2}, {"zone-b", 2}}, {{"zone-a", 0.5}, {"zone-b", 0.5}}));
  // 10 endpoints, zone-b's ratio 0.5: minimum ceil(10*0.5/1.2) = 5; 4 is overloaded.
  EXPECT_TRUE(service_overloaded({{"zone-a", 6}, {"zone-b", 4}}, {{"zone-a", 0.5}, {"zone-b", 0.5}}));
  EXPECT_FALSE(service_overloaded({}, {{"zone-a", 1.0}}));
  EXPECT_TRUE(service_overloaded({{"zone-a", 1}}, {}));
}

TEST(HintsFeatureGates, FollowTheReleaseTheyWentBetaIn) {
  EXPECT_FALSE(HintsFeatureGates::for_version("1.30").service_traffic_distribution);
  EXPECT_TRUE(HintsFeatureGates::for_version("v1.31.2").service_traffic_distribution);
  EXPECT_FALSE(HintsFeatureGates::for_version("1.33").prefer_same_traffic_distribution);
  EXPECT_TRUE(HintsFeatureGates::for_version("1.34").prefer_same_traffic_distribution);
  EXPECT_TRUE(HintsFeatureGates::for_version("").prefer_same_traffic_distribution);
  EXPECT_TRUE(HintsFeatureGates::for_version("banana").service_traffic_distribution);
}

}  // namespace hints_conformance_test
}  // namespace hybridctl::k8s
