// Rules say what, fix/ says how (issue 15): a rule hands fix/ an intent and
// never writes JSON or patch operations itself, so every manager's form
// (patch, Helm values, add-on configuration, custom resource) is decided in
// one place. This test reads src/rules/ and fails on any file that does.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "test_paths.h"

namespace hybridctl::testing {
namespace rules_build_no_patches_test {

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

// The headers that write JSON or patches: a rule must not reach them even
// through another header (spread_fix.h once brought the JSON writer to
// HN005 that way).
const char* const kPatchWritingHeaders[] = {
    "core/json_writer.h",     "core/value_json.h",       "fix/json_patch_ops.h", "fix/scheduling_json.h",
    "fix/object_field_fix.h", "fix/node_affinity_fix.h", "fix/spread_fix.h",     "fix/otel_scrape_fix.h",
};

// The project headers `text` includes ("dir/name.h" relative to src/).
std::vector<std::string> project_includes(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (!line.starts_with("#include \"")) continue;
    size_t end = line.find('"', 10);
    if (end != std::string::npos) out.push_back(line.substr(10, end - 10));
  }
  return out;
}

// For every file under `dir`, each patch-writing header it reaches through
// the headers under `src` it includes, with the chain that reaches it.
std::vector<std::string> patch_headers_reached(const fs::path& dir, const fs::path& src) {
  std::vector<std::string> out;
  const std::set<std::string> forbidden(std::begin(kPatchWritingHeaders), std::end(kPatchWritingHeaders));
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (!e.is_regular_file()) continue;
    std::map<std::string, std::string> chain;  // header -> how it was reached
    std::vector<std::string> pending;
    for (const std::string& h : project_includes(read_file(e.path()))) {
      if (chain.emplace(h, h).second) pending.push_back(h);
    }
    while (!pending.empty()) {
      const std::string h = pending.back();
      pending.pop_back();
      if (forbidden.contains(h)) {
        out.push_back(e.path().filename().string() + ": " + chain[h]);
        continue;
      }
      if (!fs::exists(src / h)) continue;  // a test-only or third-party header
      for (const std::string& next : project_includes(read_file(src / h))) {
        if (chain.emplace(next, chain[h] + " -> " + next).second) pending.push_back(next);
      }
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

TEST(RulesBuildNoPatches, NoFileUnderSrcRulesReachesAPatchWriterThroughTheHeadersItIncludes) {
  const fs::path src = fs::path(HYBRIDCTL_SOURCE_DIR) / "src";
  std::vector<std::string> found = patch_headers_reached(src / "rules", src);
  std::string list;
  for (const std::string& v : found) list += "\n  " + v;
  EXPECT_TRUE(found.empty()) << "rules reach headers that write patches; include fix/scheduling_changes.h or "
                                "fix/fix_intent.h instead:"
                             << list;
}

// The transitive check can fail: a rule that includes a clean-looking header
// which includes a patch renderer is caught, with the chain named.
TEST(RulesBuildNoPatches, CatchesAPatchWriterReachedThroughAnotherHeader) {
  fs::path root = fs::temp_directory_path() /
                  ("hybridctl-includes-scan-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()));
  fs::create_directories(root / "rules");
  fs::create_directories(root / "src" / "fix");
  std::ofstream(root / "rules" / "hn999_example.cpp") << "#include \"fix/helpers.h\"\n";
  std::ofstream(root / "src" / "fix" / "helpers.h") << "#pragma once\n#include \"fix/spread_fix.h\"\n";
  std::vector<std::string> found = patch_headers_reached(root / "rules", root / "src");
  fs::remove_all(root);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0], "hn999_example.cpp: fix/helpers.h -> fix/spread_fix.h");
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

}  // namespace rules_build_no_patches_test
}  // namespace hybridctl::testing
