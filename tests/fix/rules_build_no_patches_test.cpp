// Rules say what, fix/ says how (issue 15): a rule hands fix/ an intent and
// never writes JSON or patch operations itself, so every manager's form
// (patch, Helm values, add-on configuration, custom resource) is decided in
// one place. This test reads src/rules/ and fails on any file that does.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "test_paths.h"

namespace hybridctl::testing {
namespace {

namespace fs = std::filesystem;

std::string read_file(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// What gives a rule away as building patches itself: the JSON writers, the
// patch-operation helpers, or an operation written out by hand.
const char* const kForbidden[] = {
    "core/json_writer.h",     "core/value_json.h", "fix/json_patch_ops.h", "fix/scheduling_json.h",
    "fix/object_field_fix.h", "JsonWriter",        "\\\"op\\\"",           "\"op\"",
};

std::vector<std::string> violations_in(const fs::path& dir) {
  std::vector<std::string> out;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (!e.is_regular_file()) continue;
    std::string text = read_file(e.path());
    for (const char* needle : kForbidden) {
      if (text.find(needle) != std::string::npos) out.push_back(e.path().filename().string() + ": " + needle);
    }
  }
  return out;
}

TEST(RulesBuildNoPatches, NoFileUnderSrcRulesWritesJsonOrPatchOperations) {
  fs::path rules = fs::path(HYBRIDCTL_SOURCE_DIR) / "src" / "rules";
  ASSERT_TRUE(fs::is_directory(rules)) << rules;
  std::vector<std::string> found = violations_in(rules);
  std::string list;
  for (const std::string& v : found) list += "\n  " + v;
  EXPECT_TRUE(found.empty()) << "rules build patches themselves; emit a fix/ intent instead:" << list;
}

// The check itself can fail: a rule file that writes a patch the way the old
// rules did is caught.
TEST(RulesBuildNoPatches, CatchesARuleThatWritesAPatchOperation) {
  fs::path dir = fs::temp_directory_path() /
                 ("hybridctl-rules-scan-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()));
  fs::create_directories(dir);
  std::ofstream(dir / "hn999_example.cpp") << "#include \"core/json_writer.h\"\n"
                                              "void f(JsonWriter& w) { w.key(\"op\").string(\"add\"); }\n";
  std::ofstream(dir / "hn998_clean.cpp") << "#include \"rules/rule_helpers.h\"\n";
  std::vector<std::string> found = violations_in(dir);
  fs::remove_all(dir);
  EXPECT_EQ(found.size(), 3u);  // the include, the writer, the "op" key: all in hn999
  for (const std::string& v : found) EXPECT_EQ(v.rfind("hn999_example.cpp", 0), 0u) << v;
}

}  // namespace
}  // namespace hybridctl::testing
