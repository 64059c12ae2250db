// The intents of fix_intent.h describe a state: once the object is in it,
// the finding's fix renders no patch, so a second run of `fix` finds nothing
// to do (issue 19); and consecutive intents on one object render as one patch.
#include <gtest/gtest.h>

#include "fix/render.h"

namespace hybridctl::fix {
namespace state_intents_test {

model::TopologySpreadConstraint zone_spread() {
  model::TopologySpreadConstraint c;
  c.max_skew = 1;
  c.topology_key = "topology.kubernetes.io/zone";
  c.when_unsatisfiable = "DoNotSchedule";
  c.label_selector.present = true;
  c.label_selector.match_labels.set("k8s-app", "kube-dns");
  return c;
}

rules::Finding coredns_finding(std::optional<int32_t> replicas, const model::PodSpec& spec) {
  rules::Finding f;
  f.rule = "HN005";
  f.object = {"apps/v1", "Deployment", "kube-system", "coredns"};
  ChartSource chart{"coredns", ""};
  f.fixes.emplace_back(SetReplicas{f.object, replicas, 4, chart});
  f.fixes.emplace_back(AddTopologySpread{f.object, "/spec/template/spec", spec, zone_spread(), chart});
  return f;
}

TEST(StateIntents, ReplicasAndSpreadRenderAsOneGuardedPatchWithTheChartsValues) {
  RenderedFix r = render(coredns_finding(2, model::PodSpec{}));
  ASSERT_EQ(r.patches.size(), 1u);
  EXPECT_EQ(r.patches[0].patch,
            R"([{"op":"test","path":"/spec/replicas","value":2},{"op":"replace","path":"/spec/replicas","value":4},)"
            R"({"op":"test","path":"/spec/template/spec/topologySpreadConstraints","value":null},)"
            R"({"op":"add","path":"/spec/template/spec/topologySpreadConstraints","value":[{"maxSkew":1,)"
            R"("topologyKey":"topology.kubernetes.io/zone","whenUnsatisfiable":"DoNotSchedule",)"
            R"("labelSelector":{"matchLabels":{"k8s-app":"kube-dns"}}}]}])");
  EXPECT_EQ(r.kubectl.size(), 1u);
  EXPECT_NE(r.helm_values.find(R"("replicaCount":4)"), std::string::npos) << r.helm_values;
}

TEST(StateIntents, ObjectAlreadyInTheStateGetsNoPatch) {
  model::PodSpec spec;
  spec.topology_spread.push_back(zone_spread());
  RenderedFix r = render(coredns_finding(4, spec));
  EXPECT_TRUE(r.patches.empty()) << r.patches[0].patch;
  EXPECT_TRUE(r.kubectl.empty());
}

TEST(StateIntents, TrafficDistributionAlreadySetGetsNoOperation) {
  rules::Finding f;
  f.object = {"v1", "Service", "shop", "web"};
  f.fixes.emplace_back(SetTrafficDistribution{f.object, "PreferClose", "PreferClose"});
  EXPECT_TRUE(render(f).patches.empty());
  f.fixes = {SetTrafficDistribution{f.object, "", "PreferClose"}};
  RenderedFix r = render(f);
  ASSERT_EQ(r.patches.size(), 1u);
  EXPECT_EQ(r.patches[0].patch, R"([{"op":"test","path":"/spec/trafficDistribution","value":null},)"
                                R"({"op":"add","path":"/spec/trafficDistribution","value":"PreferClose"}])");
}

TEST(StateIntents, ConfigKeyGoesToTheChartsValuesOnlyUnderHelm) {
  rules::Finding f;
  f.object = {"v1", "ConfigMap", "kube-system", "cilium-config"};
  f.fixes.emplace_back(SetConfigKey{f.object, "enable-service-topology", "false", "true", "cilium"});
  EXPECT_EQ(render(f).helm_values, "{}");
  f.managed_by.kind = analysis::Manager::Kind::Helm;
  f.managed_by.name = "cilium";
  RenderedFix r = render(f);
  EXPECT_EQ(r.helm_values, R"({"loadBalancer":{"serviceTopology":true}})");
  ASSERT_EQ(r.patches.size(), 1u);
  EXPECT_NE(r.patches[0].patch.find(R"("op":"replace")"), std::string::npos) << r.patches[0].patch;
}

}  // namespace state_intents_test
}  // namespace hybridctl::fix
