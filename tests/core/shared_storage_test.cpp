// Pins copy on write in SharedList, SharedOptional and StringMap: copies
// share storage, and a change to one copy never shows through another.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/shared_list.h"
#include "core/shared_optional.h"
#include "core/string_map.h"

namespace hybridctl {
namespace shared_storage_test {

TEST(SharedList, CopiesShareStorageUntilOneChanges) {
  SharedList<std::string> a = {"x", "y"};
  SharedList<std::string> b = a;
  EXPECT_TRUE(b.shares_storage_with(a));
  b.push_back("z");
  EXPECT_FALSE(b.shares_storage_with(a));
  EXPECT_EQ(a.items(), (std::vector<std::string>{"x", "y"}));
  EXPECT_EQ(b.items(), (std::vector<std::string>{"x", "y", "z"}));
  b.edit()[0] = "changed";
  EXPECT_EQ(a[0], "x");
}

TEST(SharedList, AnUnsharedListChangesInPlace) {
  SharedList<int> a = {1};
  const void* before = a.storage_id();
  a.push_back(2);
  a.edit()[0] = 3;
  EXPECT_EQ(a.storage_id(), before);
  EXPECT_EQ(a.items(), (std::vector<int>{3, 2}));
}

TEST(SharedList, EmptyListsHoldNoStorageAndCompareByContent) {
  SharedList<int> empty, also_empty = std::vector<int>{};
  EXPECT_EQ(empty.storage_id(), nullptr);
  EXPECT_EQ(also_empty.storage_id(), nullptr);
  EXPECT_TRUE(empty.empty());
  EXPECT_EQ(empty.begin(), empty.end());
  EXPECT_EQ(empty, also_empty);
  SharedList<int> one = {1}, other_one = {1}, two = {2};
  EXPECT_FALSE(one.shares_storage_with(other_one));
  EXPECT_EQ(one, other_one);
  EXPECT_NE(one, two);
  EXPECT_NE(one, empty);
  one.clear();
  EXPECT_EQ(one, empty);
}

TEST(SharedOptional, CopiesShareTheValueUntilOneChanges) {
  SharedOptional<std::string> a = std::string("value");
  SharedOptional<std::string> b = a;
  EXPECT_EQ(a.storage_id(), b.storage_id());
  b.edit() += "!";
  EXPECT_EQ(*a, "value");
  EXPECT_EQ(*b, "value!");
  EXPECT_NE(a, b);
  b.reset();
  EXPECT_FALSE(b.has_value());
  EXPECT_EQ(*a, "value");
}

TEST(SharedOptional, EditCreatesAValueAndEqualityIsByContent) {
  SharedOptional<int> none, some;
  EXPECT_FALSE(none);
  EXPECT_EQ(none, SharedOptional<int>(std::nullopt));
  some.edit() = 4;
  EXPECT_TRUE(some);
  EXPECT_EQ(some, SharedOptional<int>(4));
  EXPECT_NE(some, none);
  EXPECT_EQ(SharedOptional<int>(std::optional<int>()), none);
}

TEST(StringMap, SetAndEraseOnACopyLeaveTheOriginal) {
  StringMap labels = {{"app", "web"}, {"tier", "front"}};
  StringMap copy = labels;
  EXPECT_EQ(copy.storage_id(), labels.storage_id());
  copy.set("app", "api");
  copy.erase("tier");
  EXPECT_EQ(labels.get("app"), "web");
  EXPECT_EQ(labels.get("tier"), "front");
  EXPECT_EQ(copy.get("app"), "api");
  EXPECT_FALSE(copy.contains("tier"));
  StringMap again = labels;
  EXPECT_FALSE(again.erase("absent"));
  EXPECT_EQ(again.storage_id(), labels.storage_id());  // nothing changed, nothing copied
}

}  // namespace shared_storage_test
}  // namespace hybridctl
