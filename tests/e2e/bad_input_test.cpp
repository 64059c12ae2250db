// Broken input: each gets a clear FILE:LINE:COL message, the other files are
// still read, the report is printed, and the exit code is 2 (notes: 0).
#include <gtest/gtest.h>

#include <filesystem>

#include "e2e/cli_runner.h"

namespace hybridctl::testing {
namespace {

class BadInput : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = "/tmp/hybridctl-bad-" + std::to_string(getpid()) + "-" +
           ::testing::UnitTest::GetInstance()->current_test_info()->name();
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string write(const std::string& name, const std::string& text) {
    std::string path = dir_ + "/" + name;
    std::filesystem::create_directories(std::filesystem::path(path).parent_path());
    std::ofstream(path) << text;
    return path;
  }
  std::string good() {
    return write("good.yaml",
                 "apiVersion: v1\nkind: Node\nmetadata:\n  name: mi-1\n  labels:\n    eks.amazonaws.com/compute-type: hybrid\n");
  }
  std::string dir_;
};

TEST_F(BadInput, MalformedYamlGivesFileLineColumnAndExit2) {
  std::string bad = write("bad.yaml", "apiVersion: v1\nkind: Service\nmetadata:\n  name: [unclosed\n");
  CliResult r = run_cli({"audit", bad, good(), "-o", "json"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find(bad + ":"), std::string::npos) << r.err;
  EXPECT_NE(r.out.find("\"errors\""), std::string::npos);
  // The good file was still read: its hybrid node is counted.
  EXPECT_NE(r.out.find("\"hybrid\": 1"), std::string::npos) << r.out;
}

TEST_F(BadInput, MalformedJsonGivesLineAndColumnOfTheFault) {
  std::string bad = write("bad.json", "{\n  \"kind\": \"Service\",\n  \"metadata\": {\"name\": tru}\n}\n");
  CliResult r = run_cli({"audit", bad});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find(bad + ":3:"), std::string::npos) << r.err;
}

TEST_F(BadInput, ListWithABadItemRejectsTheFileWholeAndSaysWhere) {
  std::string bad = write("list.json",
                          "{\"apiVersion\": \"v1\", \"items\": [\n"
                          "  {\"kind\": \"Node\", \"metadata\": {\"name\": \"a\"}},\n"
                          "  {\"kind\": \"Node\", \"metadata\": {\"name\": \"b\",}}\n"
                          "], \"kind\": \"List\"}\n");
  CliResult r = run_cli({"audit", bad, "-o", "json"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find(bad + ":3:"), std::string::npos) << r.err;
  EXPECT_NE(r.out.find("\"cloud\": 0"), std::string::npos) << "nothing of a broken file is used";
}

TEST_F(BadInput, WrongFieldTypeSkipsTheObjectWithItsPosition) {
  std::string bad = write("wrong.yaml",
                          "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  replicas: -3\n---\n"
                          "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  affinity:\n    nodeAffinity:\n"
                          "      requiredDuringSchedulingIgnoredDuringExecution:\n        nodeSelectorTerms: 7\n");
  CliResult r = run_cli({"audit", bad});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find(bad + ":6:13: spec.replicas: -3 is out of range"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("nodeSelectorTerms: expected a list, got a number"), std::string::npos) << r.err;
}

TEST_F(BadInput, UnknownKindIsKeptAndIgnored) {
  std::string f = write("crd.yaml", "apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n");
  CliResult r = run_cli({"audit", f});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "");
}

TEST_F(BadInput, EmptyFileIsANoteNotAnError) {
  std::string f = write("empty.yaml", "\n# only a comment\n");
  std::string j = write("empty.json", "");
  CliResult r = run_cli({"audit", f, j});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.err.find("empty.json: note: empty file"), std::string::npos) << r.err;
}

TEST_F(BadInput, HelmTemplateFolderIsSkippedWithANote) {
  write("chart/Chart.yaml", "apiVersion: v2\nname: c\nversion: 1.0.0\n");
  write("chart/templates/deploy.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\n{{- if .Values.x }}\n");
  CliResult r = run_cli({"audit", dir_});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("skipped: a Helm chart"), std::string::npos) << r.err;
}

TEST_F(BadInput, LoneTemplateFileIsSkippedButQuotedBracesAreRead) {
  std::string tpl = write("t.yaml", "kind: Service\nmetadata:\n  name: {{ .Values.name }}\n  labels: {{- toYaml . }}\n");
  std::string ok = write("q.yaml", "apiVersion: v1\nkind: Node\nmetadata:\n  name: \"{{.NodeName}}\"\n");
  CliResult r = run_cli({"audit", tpl, ok, "-o", "json"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("skipped: a Helm template"), std::string::npos);
  EXPECT_NE(r.out.find("\"cloud\": 1"), std::string::npos) << "the quoted placeholder node is read";
}

TEST_F(BadInput, DuplicateKeyAndAliasBombAreErrors) {
  std::string dup = write("dup.yaml", "kind: Node\nmetadata:\n  name: a\n  name: b\n");
  std::string bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
  for (char c = 'b'; c <= 'j'; ++c) {
    bomb += std::string(1, c) + ": &" + c + " [*" + char(c - 1) + ", *" + char(c - 1) + ", *" + char(c - 1) + ", *" +
            char(c - 1) + ", *" + char(c - 1) + ", *" + char(c - 1) + ", *" + char(c - 1) + ", *" + char(c - 1) +
            ", *" + char(c - 1) + ", *" + char(c - 1) + "]\n";
  }
  std::string lol = write("lol.yaml", bomb);
  CliResult r = run_cli({"audit", dup, lol});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("dup.yaml:4:"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("duplicate mapping key \"name\""), std::string::npos);
  EXPECT_NE(r.err.find("alias bomb"), std::string::npos) << r.err;
}

TEST_F(BadInput, DeepNestingIsRefusedNotACrash) {
  std::string deep_json(100000, '[');
  deep_json += std::string(100000, ']');
  std::string deep_yaml;
  for (int i = 0; i < 2000; ++i) deep_yaml += std::string(static_cast<size_t>(i), ' ') + "a:\n";
  CliResult r = run_cli({"audit", write("deep.json", deep_json), write("deep.yaml", deep_yaml)});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("deep.json:1:"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("nesting deeper than"), std::string::npos) << r.err;
}

TEST_F(BadInput, StdinIsReadAsYamlOrJson) {
  std::string f = write("in.txt", "{\"apiVersion\":\"v1\",\"kind\":\"List\",\"items\":[{\"apiVersion\":\"v1\",\"kind\":\"List\","
                                  "\"items\":[{\"apiVersion\":\"v1\",\"kind\":\"Node\",\"metadata\":{\"name\":\"n\"}}]}]}");
  CliResult r = run_cli({"audit", "-", "-o", "json"}, f);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("\"cloud\": 1"), std::string::npos) << "a List inside a List is walked";
}

TEST_F(BadInput, UsageErrorsExit2) {
  EXPECT_EQ(run_cli({"audit", good(), "--pod-network", "maybe"}).exit_code, 2);
  EXPECT_EQ(run_cli({"audit", good(), "--remote-pod-network", "10.0.0.0/99"}).exit_code, 2);
  EXPECT_EQ(run_cli({"audit", good(), "--assume-nodes", "moon:z=1"}).exit_code, 2);
  EXPECT_EQ(run_cli({"audit", good(), "--rules", "HN999"}).exit_code, 2);
  EXPECT_EQ(run_cli({"audit", dir_ + "/missing.yaml"}).exit_code, 2);
}

}  // namespace
}  // namespace hybridctl::testing
