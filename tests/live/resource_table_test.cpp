// The live reader reads what the rules read: for every input a registered
// rule declares (RuleInfo::reads), the resource table holds one of the kinds
// that stand for it, and it holds nothing else. A rule that starts reading a
// new input makes this test name what the live reader (and
// deploy/rbac-readonly.yaml) must add. (core/v1 Endpoints stand in for
// EndpointSlices in dumps; a live cluster always serves the slices, which the
// EndpointSlice and mirroring controllers write for every Service.)
#include "live/resource_table.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "rules/input_kinds.h"
#include "rules/registry.h"

namespace hybridctl::testing {
namespace resource_table_test {

std::set<std::string> live_kinds() {
  std::set<std::string> out;
  for (const live::ResourceSpec& spec : live::resource_table()) out.insert(spec.kind);
  return out;
}

TEST(LiveResourceTable, ReadsAKindOfEveryInputTheRulesDeclare) {
  const std::set<std::string> live = live_kinds();
  std::set<rules::Input> declared;
  for (const rules::Rule* r : rules::all_rules()) declared.insert(r->info().reads.begin(), r->info().reads.end());
  for (rules::Input input : declared) {
    const rules::InputInfo& info = rules::input_info(input);
    if (input == rules::Input::DescribeCluster) continue;  // /version and flags, not a resource
    bool read = false;
    for (std::string_view k : info.kinds) read = read || live.count(std::string(k));
    EXPECT_TRUE(read) << info.name << " is read by a rule but by no resource of --live";
  }
}

TEST(LiveResourceTable, ReadsNothingNoRuleDeclares) {
  const std::set<std::string> declared = rules::kinds_read();
  for (const std::string& kind : live_kinds()) {
    EXPECT_TRUE(declared.count(kind)) << kind << " is read by --live but by no rule";
  }
}

TEST(LiveResourceTable, NeverListsSecretsNorEveryConfigMap) {
  for (const live::ResourceSpec& spec : live::resource_table()) {
    EXPECT_NE(spec.kind, "Secret");
    if (spec.kind == "ConfigMap") {
      EXPECT_FALSE(spec.by_name.empty()) << "ConfigMaps are fetched by name only";
    }
  }
}

}  // namespace resource_table_test
}  // namespace hybridctl::testing
