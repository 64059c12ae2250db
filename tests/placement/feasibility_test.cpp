// feasible_in answers from one node per node class unless the pod names a
// node; these pin that the shortcut gives the answer of a scan of every node.
#include "analysis/feasibility.h"

#include <gtest/gtest.h>

#include "placement/placement_test_support.h"

namespace hybridctl::analysis {
namespace feasibility_test {

using testing::snapshot_of;

model::PodSpec spec_of(const std::string& yaml) {
  model::Snapshot s = snapshot_of(yaml);
  return s.workloads.at(0).tmpl.spec;
}

constexpr const char* kPinnedByHostname = R"(
apiVersion: apps/v1
kind: Deployment
metadata: {name: pinned, namespace: default}
spec:
  selector: {matchLabels: {app: pinned}}
  template:
    metadata: {labels: {app: pinned}}
    spec:
      nodeSelector: {kubernetes.io/hostname: assumed-hybrid-onprem-6}
      containers: [{name: c, image: i}]
)";

TEST(Feasibility, NodesDifferingOnlyInNameFormOneClass) {
  model::Snapshot s = snapshot_of("", "cloud:us-west-2a=3,hybrid:onprem=3");
  EXPECT_EQ(s.node_class_representatives().size(), 2u);
}

TEST(Feasibility, HostnameSelectorIsAnsweredOverEveryNode) {
  model::Snapshot s = snapshot_of("", "cloud:us-west-2a=3,hybrid:onprem=3");
  // The pod names the third hybrid node: the class representative (the first) must not decide.
  ASSERT_NE(s.node("assumed-hybrid-onprem-6"), nullptr);
  model::PodSpec spec = spec_of(kPinnedByHostname);
  EXPECT_TRUE(feasible_in(s, spec, model::Environment::Hybrid));
  EXPECT_FALSE(feasible_in(s, spec, model::Environment::Cloud));
}

TEST(Feasibility, NodesAddedAfterTheIndexesAreStillSeen) {
  model::Snapshot s = snapshot_of("", "cloud:us-west-2a=1");
  model::Node extra = s.nodes.front();
  extra.meta.name = "late-hybrid";
  extra.meta.labels.set(model::kComputeTypeLabel, "hybrid");
  s.nodes.push_back(extra);  // no build_indexes: the class list is stale
  model::PodSpec anywhere;
  EXPECT_TRUE(feasible_in(s, anywhere, model::Environment::Hybrid));
}

}  // namespace feasibility_test
}  // namespace hybridctl::analysis
