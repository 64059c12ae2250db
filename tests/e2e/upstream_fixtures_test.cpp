// Real manifests written by other projects (../shared/fixtures/upstream),
// audited as a mixed cluster: the findings are exactly those of the table a
// platform engineer wrote first (tests/e2e/upstream_expected.tsv).
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <regex>

#include "e2e/cli_runner.h"

namespace hybridctl::testing {
namespace upstream_fixtures_test {

std::string fixtures_dir() { return source_dir() + "/../shared/fixtures/upstream/"; }

std::map<std::string, std::set<FindingKey>> load_table() {
  std::map<std::string, std::set<FindingKey>> cases;
  std::istringstream in(read_text(source_dir() + "/tests/e2e/upstream_expected.tsv"));
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> f;
    std::stringstream ls(line);
    std::string field;
    while (std::getline(ls, field, '\t')) f.push_back(field);
    if (f.size() != 6) continue;
    auto& set = cases[f[0]];
    if (f[1] != "-") set.emplace(f[1], f[2], f[3], f[4], f[5]);
  }
  return cases;
}

// Case names join files with '+', but some file names contain '+' themselves.
std::vector<std::string> case_files(const std::string& name) {
  static const std::regex split(R"((\.yaml|\.json)\+)");
  std::vector<std::string> files;
  std::string rest = name;
  std::smatch m;
  while (std::regex_search(rest, m, split)) {
    files.push_back(fixtures_dir() + rest.substr(0, m.position(0) + m.length(1)));
    rest = m.suffix();
  }
  files.push_back(fixtures_dir() + rest);
  return files;
}

TEST(UpstreamFixtures, EveryFixtureFileHasACase) {
  if (!std::filesystem::exists(fixtures_dir())) GTEST_SKIP() << "shared fixtures not present";
  auto table = load_table();
  for (const auto& e : std::filesystem::recursive_directory_iterator(fixtures_dir())) {
    if (!e.is_regular_file() || e.path().filename() == "SOURCES.md") continue;
    std::string rel = std::filesystem::relative(e.path(), fixtures_dir()).string();
    EXPECT_TRUE(table.count(rel)) << rel << " has no row in upstream_expected.tsv";
  }
}

TEST(UpstreamFixtures, AuditMatchesExpectedTable) {
  if (!std::filesystem::exists(fixtures_dir())) GTEST_SKIP() << "shared fixtures not present";
  auto table = load_table();
  ASSERT_GT(table.size(), 80u);
  for (const auto& [name, expected] : table) {
    std::vector<std::string> args{"audit"};
    for (const auto& f : case_files(name)) args.push_back(f);
    for (const char* a :
         {"--assume-nodes", "cloud:us-west-2a=2,cloud:us-west-2b=2,hybrid:onprem=2", "--pod-network", "unroutable",
          "-o", "json", "--rules",
          "HN001,HN002,HN003,HN004,HN005,HN006,HN007,HN008,HN009,HN010,HN011,HN012,HN013,HN014,HN015,HN016,HN017"}) {
      args.push_back(a);
    }
    CliResult r = run_cli(args);
    // No fixture may fail to parse: every one is a real, applied manifest.
    EXPECT_TRUE(r.exit_code == 0 || r.exit_code == 1) << name << ": exit " << r.exit_code << "\n" << r.err;
    EXPECT_EQ(finding_keys(r.out), expected) << name;
  }
}

}  // namespace upstream_fixtures_test
}  // namespace hybridctl::testing
