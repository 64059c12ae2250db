// Pins the one index of pods by namespace and name, which the rules' pod
// finder and the traffic model share: found by both parts, the first of two
// pods with one name wins, and the traffic context finds the pods its
// placement simulated after the observed ones, with Analyses' index or its
// own.
#include "analysis/pods_by_name.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "analysis/traffic/traffic_context.h"

namespace hybridctl::analysis {
namespace pods_by_name_test {

model::Pod pod(const std::string& ns, const std::string& name, const std::string& node) {
  model::Pod p;
  p.kind = "Pod";
  p.meta.ns = ns;
  p.meta.name = name;
  p.spec.node_name = node;
  return p;
}

TEST(PodsByName, FindsAPodByNamespaceAndNameAndTheFirstOfTwoWithOneName) {
  std::vector<model::Pod> pods = {pod("shop", "web-1", "a"), pod("kube-system", "web-1", "b"),
                                  pod("shop", "web-1", "c")};
  PodsByName index(pods);
  ASSERT_NE(index.find("shop", "web-1"), nullptr);
  EXPECT_EQ(index.find("shop", "web-1")->spec.node_name, "a");
  EXPECT_EQ(index.find("kube-system", "web-1")->spec.node_name, "b");
  EXPECT_EQ(index.find("shop", "web-2"), nullptr);
  EXPECT_EQ(index.find("shop/web", "1"), nullptr) << "the parts are not joined into one key";
}

TEST(PodsByName, TheTrafficContextFindsSimulatedPodsAfterTheObservedOnesWithAnyIndex) {
  model::Snapshot s;
  s.pods = {pod("shop", "web-1", "observed")};
  s.build_indexes();
  std::vector<model::Pod> simulated = {pod("shop", "web-1", "simulated"), pod("shop", "web-2", "simulated")};
  const PodsByName shared(s.pods);
  for (const PodsByName* snapshot_pods : {&shared, static_cast<const PodsByName*>(nullptr)}) {
    traffic::TrafficContext context(traffic::TrafficInputs{s, simulated, nullptr, snapshot_pods});
    ASSERT_NE(context.pod("shop", "web-1"), nullptr);
    EXPECT_EQ(context.pod("shop", "web-1")->spec.node_name, "observed");
    ASSERT_NE(context.pod("shop", "web-2"), nullptr);
    EXPECT_TRUE(context.is_extra(context.pod("shop", "web-2")));
    EXPECT_EQ(context.pod("shop", "web-3"), nullptr);
  }
}

}  // namespace pods_by_name_test
}  // namespace hybridctl::analysis
