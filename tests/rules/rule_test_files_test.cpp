// ARCHITECTURE.md: "a rule is a page: one new file, one registry line, a
// test file, an example". Every registered rule has its own test file,
// tests/rules/<id in lower case>_test.cpp.
#include <gtest/gtest.h>

#include <cctype>
#include <filesystem>
#include <string>

#include "rules/registry.h"
#include "test_paths.h"

namespace hybridctl::testing {
namespace rule_test_files_test {

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

TEST(RuleTestFiles, EveryRegisteredRuleHasItsOwnTestFile) {
  const std::filesystem::path dir = std::filesystem::path(HYBRIDCTL_SOURCE_DIR) / "tests" / "rules";
  ASSERT_TRUE(std::filesystem::is_directory(dir)) << dir;
  ASSERT_FALSE(rules::all_rules().empty());
  for (const rules::Rule* r : rules::all_rules()) {
    const std::filesystem::path file = dir / (lower(r->info().id) + "_test.cpp");
    EXPECT_TRUE(std::filesystem::is_regular_file(file)) << r->info().id << " has no " << file.filename();
  }
}

}  // namespace rule_test_files_test
}  // namespace hybridctl::testing
