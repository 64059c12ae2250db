// HN005's odds follow --runs: the message names as many simulated placements
// as the user asked for (400 when --runs is not given), so the figure quoted
// is the one that was computed.
#include <gtest/gtest.h>

#include "e2e/cli_runner.h"

namespace hybridctl::testing {
namespace hn005_runs_test {

std::string hn005_messages(const std::vector<std::string>& extra) {
  std::vector<std::string> args = {"audit", source_dir() + "/examples/routable-pod-network", "--rules", "HN005", "-o",
                                   "json"};
  args.insert(args.end(), extra.begin(), extra.end());
  CliResult r = run_cli(args);
  EXPECT_NE(r.exit_code, 2) << r.err;
  return r.out;
}

TEST(Hn005Runs, TheOddsSimulateAsManyPlacementsAsRunsAsks) {
  EXPECT_NE(hn005_messages({"--runs", "60"}).find("of 60 simulated placements"), std::string::npos);
}

TEST(Hn005Runs, WithoutRunsTheOddsSimulate400Placements) {
  EXPECT_NE(hn005_messages({}).find("of 400 simulated placements"), std::string::npos);
}

}  // namespace hn005_runs_test
}  // namespace hybridctl::testing
