// Pins BoundPods' grouping: pods that share their interned parts, and pods
// whose parts are equal without being shared, fall in one group; a pod that
// differs in anything scheduling reads gets its own.
#include "analysis/placement/bound_pods.h"

#include <gtest/gtest.h>

#include <string>

namespace hybridctl::analysis::placement {
namespace bound_pods_test {

model::Pod bound_pod(const std::string& name, const std::string& node) {
  model::Pod p;
  p.kind = "Pod";
  p.meta.name = name;
  p.meta.ns = "team";
  p.meta.labels = {{"app", "web"}};
  p.spec.node_name = node;
  p.spec.tolerations = {{"dedicated", "Equal", "web", "NoSchedule", std::nullopt}};
  p.spec.containers = {{"web", "web:1", {}, 100, 0}};
  return p;
}

model::Snapshot with_nodes() {
  model::Snapshot s;
  for (const char* name : {"n1", "n2", "n3"}) {
    model::Node n;
    n.kind = "Node";
    n.meta.name = name;
    s.nodes.push_back(n);
  }
  return s;
}

TEST(BoundPods, PodsSharingTheirPartsFormOneGroup) {
  model::Snapshot s = with_nodes();
  model::Pod first = bound_pod("web-1", "n1");
  model::Pod second = first;  // a copy shares every part, as interned replicas do
  second.meta.name = "web-2";
  second.spec.node_name = "n2";
  s.pods = {first, second};
  s.build_indexes();
  BoundPods bound(s);
  ASSERT_EQ(bound.pods().size(), 2u);
  EXPECT_EQ(bound.groups().size(), 1u);
  EXPECT_EQ(bound.pods()[0].node, 0u);
  EXPECT_EQ(bound.pods()[1].node, 1u);
}

TEST(BoundPods, EqualPartsInSeparateStorageStillFormOneGroup) {
  model::Snapshot s = with_nodes();
  s.pods = {bound_pod("web-1", "n1"), bound_pod("web-2", "n2")};  // built apart: equal, not shared
  ASSERT_FALSE(s.pods[0].spec.tolerations.shares_storage_with(s.pods[1].spec.tolerations));
  s.build_indexes();
  BoundPods bound(s);
  EXPECT_EQ(bound.groups().size(), 1u);
  EXPECT_EQ(bound.pods()[0].group, bound.pods()[1].group);
}

TEST(BoundPods, ADifferenceSchedulingReadsMakesAnotherGroup) {
  model::Snapshot s = with_nodes();
  model::Pod web = bound_pod("web-1", "n1");
  model::Pod other_toleration = web;
  other_toleration.spec.tolerations.edit()[0].value = "api";
  model::Pod other_namespace = web;
  other_namespace.meta.ns = "other";
  model::Pod more_cpu = web;
  more_cpu.spec.containers.edit()[0].cpu_request_milli = 200;
  model::Pod host_network = web;
  host_network.spec.host_network = true;
  s.pods = {web, other_toleration, other_namespace, more_cpu, host_network};
  s.build_indexes();
  BoundPods bound(s);
  EXPECT_EQ(bound.groups().size(), 5u);
}

}  // namespace bound_pods_test
}  // namespace hybridctl::analysis::placement
