// audit, simulate and traffic exit without destroying their model once the
// output is written (cli/fast_exit.h): nothing buffered may be lost, in
// either format, and the exit code must survive.
#include <gtest/gtest.h>

#include "e2e/cli_runner.h"
#include "test_paths.h"

namespace hybridctl::testing {
namespace output_complete_test {

TEST(OutputComplete, EveryCommandWritesItsWholeOutputAndExitCodeBeforeExiting) {
  const std::string dir = source_dir() + "/examples/traffic-across-vpn";
  struct Case {
    const char* command;
    int exit_code;  // findings at the default --fail-on error: 1
  };
  for (const Case& c : {Case{"audit", 1}, Case{"simulate", 1}, Case{"traffic", 0}}) {
    CliResult json = run_cli({c.command, dir, "-o", "json"});
    EXPECT_EQ(json.exit_code, c.exit_code) << c.command << ": " << json.err;
    simdjson::dom::parser parser;
    simdjson::dom::element doc;
    EXPECT_EQ(parser.parse(json.out).get(doc), simdjson::SUCCESS) << c.command << " -o json is cut short";
    ASSERT_FALSE(json.out.empty());
    EXPECT_EQ(json.out.back(), '\n') << c.command;

    CliResult text = run_cli({c.command, dir, "-o", "text"});
    EXPECT_EQ(text.exit_code, c.exit_code) << c.command << ": " << text.err;
    ASSERT_FALSE(text.out.empty());
    EXPECT_EQ(text.out.back(), '\n') << c.command;
  }
}

TEST(OutputComplete, AuditOutputThroughAPipeIsTheSameAsToAFile) {
  // A pipe is block-buffered like a file but read while written: the last
  // block must still be flushed before the process ends.
  const std::string dir = source_dir() + "/examples/traffic-across-vpn";
  CliResult to_file = run_cli({"audit", dir, "-o", "json"});
  std::string cmd = shell_arg(HYBRIDCTL_BINARY) + " audit " + shell_arg(dir) + " -o json | cat";
  FILE* pipe = popen(cmd.c_str(), "r");
  ASSERT_NE(pipe, nullptr);
  std::string through_pipe;
  char buf[4096];
  for (size_t n; (n = fread(buf, 1, sizeof buf, pipe)) > 0;) through_pipe.append(buf, n);
  pclose(pipe);
  EXPECT_EQ(through_pipe, to_file.out);
}

}  // namespace output_complete_test
}  // namespace hybridctl::testing
