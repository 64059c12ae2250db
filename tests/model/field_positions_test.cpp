// The table itself (model/field_positions.h): lookups by object Origin and
// pointer, before and after sorting, and absorbing another table whose
// pointers were interned in another order.
#include "model/field_positions.h"

#include <gtest/gtest.h>

namespace hybridctl::model {
namespace field_positions_test {

TEST(FieldPositionsTable, FindsAMemberOfOneObjectOnlyBeforeAndAfterFinish) {
  FieldPositions t;
  Origin a{0, 10, 1}, b{0, 40, 1};
  t.record(a, "/spec/replicas", 100, 110, 12, 3);
  t.record(b, "/spec/replicas", 400, 410, 42, 3);
  for (int pass = 0; pass < 2; ++pass) {
    auto p = t.find(b, "/spec/replicas");
    ASSERT_TRUE(p);
    EXPECT_EQ(p->key_offset, 400u);
    EXPECT_EQ(p->value_offset, 410u);
    EXPECT_EQ(p->line, 42u);
    EXPECT_FALSE(t.find(Origin{1, 40, 1}, "/spec/replicas"));
    EXPECT_FALSE(t.find(b, "/spec/template"));
    t.finish();
  }
}

TEST(FieldPositionsTable, AbsorbRemapsPointersInternedInAnotherOrder) {
  FieldPositions first, second;
  Origin a{0, 1, 1}, b{1, 1, 1};
  first.record(a, "/spec", 5, 11, 2, 1);
  first.record(a, "/spec/replicas", 15, 25, 3, 3);
  second.record(b, "/spec/replicas", 30, 40, 4, 3);  // interned first here: id 0
  second.record(b, "/spec", 20, 26, 3, 1);
  first.absorb(std::move(second));
  first.finish();
  EXPECT_EQ(first.size(), 4u);
  ASSERT_TRUE(first.find(b, "/spec/replicas"));
  EXPECT_EQ(first.find(b, "/spec/replicas")->key_offset, 30u);
  EXPECT_EQ(first.find(b, "/spec")->key_offset, 20u);
  EXPECT_EQ(first.find(a, "/spec/replicas")->key_offset, 15u);
}

TEST(FieldPositionsTable, NearestWalksUpToARecordedAncestor) {
  FieldPositions t;
  Origin a{0, 1, 1};
  t.record(a, "/spec/template/spec", 50, 56, 8, 5);
  t.finish();
  auto n = t.find_nearest(a, "/spec/template/spec/affinity/nodeAffinity");
  ASSERT_TRUE(n);
  EXPECT_FALSE(n->exact);
  EXPECT_EQ(n->pointer, "/spec/template/spec");
  EXPECT_FALSE(t.find_nearest(a, "/metadata/labels"));
}

}  // namespace field_positions_test
}  // namespace hybridctl::model
