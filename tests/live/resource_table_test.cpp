// The live reader reads exactly what the rules read: the kinds of its
// resource table are the kinds the registered rules declare (RuleInfo::reads),
// so a rule that starts reading a kind makes this test name the resource the
// live reader (and deploy/rbac-readonly.yaml) must add.
#include "live/resource_table.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "rules/input_kinds.h"

namespace hybridctl::testing {
namespace {

TEST(LiveResourceTable, ReadsExactlyTheKindsTheRulesDeclare) {
  std::set<std::string> live;
  for (const live::ResourceSpec& spec : live::resource_table()) live.insert(spec.kind);
  std::set<std::string> declared = rules::kinds_read();
  for (const std::string& kind : declared) {
    EXPECT_TRUE(live.count(kind)) << kind << " is read by a rule but not by --live";
  }
  for (const std::string& kind : live) {
    EXPECT_TRUE(declared.count(kind)) << kind << " is read by --live but by no rule";
  }
}

TEST(LiveResourceTable, NeverListsSecretsNorEveryConfigMap) {
  for (const live::ResourceSpec& spec : live::resource_table()) {
    EXPECT_NE(spec.kind, "Secret");
    if (spec.kind == "ConfigMap") EXPECT_FALSE(spec.by_name.empty()) << "ConfigMaps are fetched by name only";
  }
}

}  // namespace
}  // namespace hybridctl::testing
