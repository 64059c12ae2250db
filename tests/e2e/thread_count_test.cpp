// Decoding, the rules and the traffic model run on every core; what they
// print must not depend on how many there are (HYBRIDCTL_THREADS).
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>

#include "e2e/cli_runner.h"

namespace hybridctl::testing {
namespace thread_count_test {

CliResult run_with_threads(const char* threads, const std::vector<std::string>& args) {
  setenv("HYBRIDCTL_THREADS", threads, 1);
  CliResult r = run_cli(args);
  unsetenv("HYBRIDCTL_THREADS");
  return r;
}

TEST(ThreadCount, AuditAndSimulateOfEveryExamplePrintTheSameWithOneOrManyThreads) {
  size_t examples = 0;
  for (const auto& entry : std::filesystem::directory_iterator(source_dir() + "/examples")) {
    if (!entry.is_directory()) continue;
    ++examples;
    const std::string dir = entry.path().string();
    for (const std::vector<std::string>& args :
         {std::vector<std::string>{"audit", dir, "-o", "json"}, std::vector<std::string>{"simulate", dir, "-o", "json"},
          std::vector<std::string>{"traffic", dir, "-o", "json"}}) {
      CliResult one = run_with_threads("1", args);
      ASSERT_FALSE(one.out.empty()) << args[0] << " " << dir << ": " << one.err;
      for (const char* many : {"2", "5"}) {
        CliResult r = run_with_threads(many, args);
        EXPECT_EQ(r.exit_code, one.exit_code) << args[0] << " " << dir << " with " << many << " threads";
        EXPECT_EQ(r.out, one.out) << args[0] << " " << dir << " with " << many << " threads";
        EXPECT_EQ(r.err, one.err) << args[0] << " " << dir << " with " << many << " threads";
      }
    }
  }
  EXPECT_GE(examples, 5u);
}

}  // namespace thread_count_test
}  // namespace hybridctl::testing
