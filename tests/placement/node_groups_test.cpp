// Pins the copy of a fresh table's groups that simulate() gives each run
// instead of grouping the nodes again: the same groups, members and order as
// grouping the run's fresh table, and the runs' binds leave the copy taken
// from untouched.
#include "analysis/placement/node_groups.h"

#include <gtest/gtest.h>

#include <vector>

#include "placement/placement_test_support.h"

namespace hybridctl::analysis::placement {
namespace node_groups_test {

std::vector<model::Node> four_nodes() {
  return {testing::node_in("hybrid-1", "onprem", "hybrid"), testing::node_in("cloud-1", "us-west-2a", "ec2"),
          testing::node_in("cloud-2", "us-west-2a", "ec2"), testing::node_in("cloud-3", "us-west-2a", "ec2")};
}

void expect_same_groups(const NodeGroups& a, const NodeGroups& b, size_t nodes) {
  ASSERT_EQ(a.nonempty(), b.nonempty());
  for (GroupId g : a.nonempty()) {
    EXPECT_EQ(a.members(g), b.members(g)) << g;
    EXPECT_EQ(a.class_of(g), b.class_of(g)) << g;
  }
  for (NodeId n = 0; n < static_cast<NodeId>(nodes); ++n) EXPECT_EQ(a.group_of(n), b.group_of(n)) << n;
}

TEST(NodeGroups, ACopyOfAFreshTablesGroupsIsWhatGroupingAFreshCopyGives) {
  std::vector<model::Node> nodes = four_nodes();
  const NodeTable before_any_run(testing::pointers_to(nodes));
  const NodeGroups fresh_groups(before_any_run);
  ASSERT_EQ(fresh_groups.nonempty().size(), 2u) << "the three cloud nodes are interchangeable";

  NodeTable run_nodes = before_any_run.fresh_copy();
  NodeGroups copied(run_nodes, fresh_groups);
  expect_same_groups(copied, NodeGroups(run_nodes), nodes.size());
}

TEST(NodeGroups, ARunsBindsRegroupItsCopyAndLeaveTheGroupsItCameFromAlone) {
  std::vector<model::Node> nodes = four_nodes();
  const NodeTable before_any_run(testing::pointers_to(nodes));
  const NodeGroups fresh_groups(before_any_run);

  NodeTable run_nodes = before_any_run.fresh_copy();
  NodeGroups copied(run_nodes, fresh_groups);
  const NodeId cloud_1 = run_nodes.find("cloud-1");
  run_nodes.add_pod(cloud_1, PodRequests{500, 1LL << 30, 500, 1LL << 30});
  copied.regroup(cloud_1);
  EXPECT_EQ(copied.nonempty().size(), 3u) << "cloud-1 now has less room than the other cloud nodes";

  // The next run starts from the untouched groups, as if nothing had run.
  NodeTable next_run_nodes = before_any_run.fresh_copy();
  NodeGroups next(next_run_nodes, fresh_groups);
  EXPECT_EQ(next.nonempty().size(), 2u);
  expect_same_groups(next, NodeGroups(next_run_nodes), nodes.size());
}

}  // namespace node_groups_test
}  // namespace hybridctl::analysis::placement
