// docs/rules.md is generated from the registry: it must never drift from it.
#include <gtest/gtest.h>

#include "e2e/cli_runner.h"
#include "report/explain_markdown.h"
#include "rules/registry.h"
#include "test_paths.h"

namespace hybridctl {
namespace docs_test {

TEST(RulesDocs, DocsRulesMdMatchesTheRegistry) {
  std::string committed = testing::read_text(std::string(HYBRIDCTL_SOURCE_DIR) + "/docs/rules.md");
  EXPECT_EQ(committed, report::rules_catalogue_markdown()) << "docs/rules.md is stale: run scripts/gen-docs";
}

TEST(RulesDocs, EveryRuleIsDocumentedWithItsIdNameAndFix) {
  std::string doc = report::rules_catalogue_markdown();
  for (const rules::Rule* r : rules::all_rules()) {
    const rules::RuleInfo& i = r->info();
    EXPECT_NE(doc.find("## " + i.id + " " + i.name + "\n"), std::string::npos) << i.id;
    EXPECT_FALSE(i.fires_when.empty()) << i.id;
    EXPECT_FALSE(i.rationale.empty()) << i.id;
    EXPECT_FALSE(i.fix.empty()) << i.id;
  }
}

TEST(ExplainCommand, AllPrintsTheCatalogueAndAMissingRuleIsAUsageError) {
  auto all = testing::run_cli({"explain", "--all"});
  EXPECT_EQ(all.exit_code, 0);
  EXPECT_EQ(all.out, report::rules_catalogue_markdown());
  auto none = testing::run_cli({"explain"});
  EXPECT_EQ(none.exit_code, 2);
  EXPECT_NE(none.err.find("--all"), std::string::npos);
  auto unknown = testing::run_cli({"explain", "HN999"});
  EXPECT_EQ(unknown.exit_code, 2);
}

}  // namespace docs_test
}  // namespace hybridctl
