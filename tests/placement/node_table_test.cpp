// Pins NodeTable's fresh copy, which simulate() gives every run: the same
// nodes in the same order, nothing placed, and key ids numbered by the copy's
// own interning order while each key's domains are shared.
#include "analysis/placement/node_table.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "placement/placement_test_support.h"

namespace hybridctl::analysis::placement {
namespace node_table_test {

std::vector<model::Node> three_nodes() {
  return {testing::node_in("c-2", "onprem", "hybrid"), testing::node_in("a-1", "us-west-2a", "ec2"),
          testing::node_in("b-1", "us-west-2a", "ec2")};
}

TEST(NodeTable, NumbersNodesByNameAndMapsTheInputOrderToThoseIds) {
  std::vector<model::Node> nodes = three_nodes();
  NodeTable table(testing::pointers_to(nodes));
  EXPECT_EQ(table.node(0).meta.name, "a-1");
  EXPECT_EQ(table.node(2).meta.name, "c-2");
  for (size_t i = 0; i < nodes.size(); ++i) EXPECT_EQ(table.id_of_input(i), table.find(nodes[i].meta.name)) << i;
}

TEST(NodeTable, AFreshCopyHasTheSameNodesNothingPlacedAndItsOwnKeyNumbering) {
  std::vector<model::Node> nodes = three_nodes();
  NodeTable used(testing::pointers_to(nodes));
  const KeyId zone = used.key("topology.kubernetes.io/zone");
  used.key("eks.amazonaws.com/compute-type");
  used.add_pod(0, PodRequests{500, 1LL << 30, 500, 1LL << 30});

  NodeTable fresh = used.fresh_copy();
  ASSERT_EQ(fresh.size(), used.size());
  for (NodeId n = 0; n < static_cast<NodeId>(used.size()); ++n) {
    EXPECT_EQ(&fresh.node(n), &used.node(n));
    EXPECT_EQ(fresh.class_of(n), used.class_of(n));
  }
  EXPECT_EQ(fresh.resources(0).requested_cpu_milli, 0);
  EXPECT_EQ(fresh.resources(0).pod_count, 0);
  EXPECT_EQ(fresh.resources(0).allocatable_cpu_milli, 2000);
  EXPECT_EQ(used.resources(0).requested_cpu_milli, 500) << "the copy leaves the original alone";

  EXPECT_EQ(fresh.key_count(), 0u);
  // Interned in another order than `used` did: ids follow the copy's order,
  // the domains are the same.
  const KeyId type_in_fresh = fresh.key("eks.amazonaws.com/compute-type");
  const KeyId zone_in_fresh = fresh.key("topology.kubernetes.io/zone");
  EXPECT_EQ(type_in_fresh, 0);
  EXPECT_EQ(zone_in_fresh, 1);
  EXPECT_EQ(fresh.domain_count(zone_in_fresh), 2u);
  for (NodeId n = 0; n < static_cast<NodeId>(used.size()); ++n) {
    EXPECT_EQ(fresh.domain_name(zone_in_fresh, fresh.domain(zone_in_fresh, n)),
              used.domain_name(zone, used.domain(zone, n)));
  }
  EXPECT_EQ(fresh.domain_name(zone_in_fresh, fresh.domain(zone_in_fresh, 2)), "onprem");
}

TEST(NodeTable, ANodeWithoutTheLabelHasNoDomain) {
  std::vector<model::Node> nodes = three_nodes();
  NodeTable table(testing::pointers_to(nodes));
  const KeyId rack = table.key("example.com/rack");
  EXPECT_EQ(table.domain_count(rack), 0u);
  EXPECT_EQ(table.domain(rack, 1), kNoDomain);
}

}  // namespace node_table_test
}  // namespace hybridctl::analysis::placement
