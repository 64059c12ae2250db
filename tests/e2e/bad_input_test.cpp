// Broken input: each gets a clear FILE:LINE:COL message, the other files are
// still read, the report is printed, and the exit code is 2 (notes: 0).
// Hostile input (tests/bad-input/ and inputs generated here: 100,000-level
// nesting, alias bombs, a 200 MB line) also runs within guard bounds of time
// and memory, measured on the child process.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>

#include <chrono>
#include <filesystem>
#include <map>

#include "e2e/cli_runner.h"
#include "test_paths.h"

extern char** environ;

namespace hybridctl::testing {
namespace bad_input_test {

// Generous guards: a hang or a runaway allocation fails, a slow machine does
// not. Sanitizers cost time and shadow memory, hence their own bounds.
#ifdef HYBRIDCTL_SANITIZED
constexpr double kMaxSeconds = 180;
constexpr long kMaxRssMb = 4096;
#else
constexpr double kMaxSeconds = 60;
constexpr long kMaxRssMb = 2048;
#endif

struct BoundedResult {
  CliResult cli;
  double seconds = 0;
  long max_rss_mb = 0;  // the child's peak resident set (getrusage via wait4)
};

// Runs the binary like run_cli, but directly (no shell, so the rusage is the
// binary's own) and measures its wall time and peak memory.
BoundedResult run_bounded(const std::vector<std::string>& args, const std::string& dir) {
  std::string out_path = dir + "/.stdout", err_path = dir + "/.stderr";
  std::vector<std::string> argv_storage = {HYBRIDCTL_BINARY};
  argv_storage.insert(argv_storage.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : argv_storage) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addopen(&actions, 2, err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  auto start = std::chrono::steady_clock::now();
  pid_t pid = 0;
  BoundedResult r;
  int spawned = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0) return r;
  int status = 0;
  struct rusage usage {};
  wait4(pid, &status, 0, &usage);
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  r.max_rss_mb = usage.ru_maxrss / 1024;  // Linux reports KiB
  r.cli.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.cli.out = read_text(out_path);
  r.cli.err = read_text(err_path);
  std::filesystem::remove(out_path);
  std::filesystem::remove(err_path);
  return r;
}

void expect_within_guards(const BoundedResult& r, const std::string& what) {
  EXPECT_LT(r.seconds, kMaxSeconds) << what;
  EXPECT_LT(r.max_rss_mb, kMaxRssMb) << what;
}

std::vector<std::vector<std::string>> read_tsv(const std::string& path) {
  std::vector<std::vector<std::string>> rows;
  std::istringstream in(read_text(path));
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> fields;
    size_t start = 0;
    for (size_t tab; (tab = line.find('\t', start)) != std::string::npos; start = tab + 1) {
      fields.push_back(line.substr(start, tab - start));
    }
    fields.push_back(line.substr(start));
    rows.push_back(std::move(fields));
  }
  return rows;
}

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
  for (size_t at = 0; (at = text.find(from, at)) != std::string::npos; at += to.size())
    text.replace(at, from.size(), to);
  return text;
}

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
                 "apiVersion: v1\nkind: Node\nmetadata:\n  name: mi-1\n  labels:\n    "
                 "eks.amazonaws.com/compute-type: hybrid\n");
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
  write("chart/templates/deploy.yaml",
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\n{{- if "
        ".Values.x }}\n");
  CliResult r = run_cli({"audit", dir_});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("skipped: a Helm chart"), std::string::npos) << r.err;
}

TEST_F(BadInput, LoneTemplateFileIsSkippedButQuotedBracesAreRead) {
  std::string tpl =
      write("t.yaml", "kind: Service\nmetadata:\n  name: {{ .Values.name }}\n  labels: {{- toYaml . }}\n");
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
  std::string f = write("in.txt",
                        "{\"apiVersion\":\"v1\",\"kind\":\"List\",\"items\":[{\"apiVersion\":\"v1\",\"kind\":"
                        "\"List\","
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

TEST_F(BadInput, CorpusFilesGiveTheirExpectedExitCodeAndMessage) {
  std::string corpus = source_dir() + "/tests/bad-input/";
  auto rows = read_tsv(corpus + "expected.tsv");
  ASSERT_GE(rows.size(), 15u);
  for (const auto& row : rows) {
    ASSERT_EQ(row.size(), 3u) << "FILE\tEXIT\tMESSAGE: " << row[0];
    std::string path = corpus + row[0];
    BoundedResult r = run_bounded({"audit", path, "-o", "json"}, dir_);
    EXPECT_EQ(r.cli.exit_code, std::stoi(row[1])) << row[0] << "\n" << r.cli.err;
    EXPECT_NE(r.cli.err.find(replace_all(row[2], "{}", path)), std::string::npos)
        << row[0] << ": expected \"" << row[2] << "\" in:\n"
        << r.cli.err;
    EXPECT_NE(r.cli.out.find("\"errors\""), std::string::npos) << row[0] << ": the report is still printed";
    expect_within_guards(r, row[0]);
  }
}

// One single-line document `{apiVersion: v1, kind: KIND, metadata: {name: wN}, PATH: WRONG}`,
// with `[]` in PATH making a list; `column` receives the 1-based column of WRONG.
std::string wrong_type_document(const std::vector<std::string>& row, size_t index, size_t& column) {
  const std::string &kind = row[0], &path = row[1], &wrong = row[2];
  std::vector<std::string> keys;
  for (size_t start = 0, dot;; start = dot + 1) {
    dot = path.find('.', start);
    keys.push_back(path.substr(start, dot == std::string::npos ? std::string::npos : dot - start));
    if (dot == std::string::npos) break;
  }
  std::string head = "{apiVersion: v1, kind: " + kind + ", ";
  if (keys[0] == "apiVersion") head = "{kind: " + kind + ", metadata: {name: w" + std::to_string(index) + "}, ";
  if (keys[0] == "kind") head = "{apiVersion: v1, metadata: {name: w" + std::to_string(index) + "}, ";
  if (keys[0] != "metadata" && keys[0] != "apiVersion" && keys[0] != "kind") {
    head += "metadata: {name: w" + std::to_string(index) + "}, ";
  }
  std::string open, close;
  for (size_t i = 0; i < keys.size(); ++i) {
    bool list = keys[i].ends_with("[]");
    std::string key = list ? keys[i].substr(0, keys[i].size() - 2) : keys[i];
    if (i > 0) open += "{";
    open += key + ": ";
    if (list) open += "[";
    close = std::string(list ? "]" : "") + (i > 0 ? "}" : "") + close;
  }
  // libfyaml places a double-quoted scalar at its first character inside the quotes.
  column = head.size() + open.size() + 1 + (wrong.starts_with('"') ? 1 : 0);
  return head + open + wrong + close + "}";
}

TEST_F(BadInput, WrongTypeForEveryFieldTheModelReadsIsAnErrorAtThatValue) {
  auto rows = read_tsv(source_dir() + "/tests/bad-input/wrong-types.tsv");
  ASSERT_GE(rows.size(), 150u);
  // A comment first: a file whose first byte is `{` would be read as JSON.
  std::string text = "# one wrong type per document\n";
  std::vector<std::string> expected;
  for (size_t i = 0; i < rows.size(); ++i) {
    ASSERT_EQ(rows[i].size(), 4u) << "KIND\tPATH\tWRONG\tMESSAGE: " << rows[i][1];
    size_t column = 0;
    text += (i ? "---\n" : "") + wrong_type_document(rows[i], i, column) + "\n";
    expected.push_back(":" + std::to_string(2 * i + 2) + ":" + std::to_string(column) + ": " + rows[i][3]);
  }
  std::string file = write("wrong-types.yaml", text);
  BoundedResult r = run_bounded({"audit", file, "-o", "json"}, dir_);
  EXPECT_EQ(r.cli.exit_code, 2);
  for (size_t i = 0; i < rows.size(); ++i) {
    EXPECT_NE(r.cli.err.find(file + expected[i] + "\n"), std::string::npos)
        << rows[i][0] << " " << rows[i][1] << ": " << rows[i][2] << "\nexpected " << expected[i] << "\nin:\n"
        << r.cli.err;
  }
  size_t error_lines = 0;
  for (size_t at = 0; (at = r.cli.err.find(file + ":", at)) != std::string::npos; ++at) ++error_lines;
  EXPECT_EQ(error_lines, rows.size()) << "one error per document:\n" << r.cli.err;
  expect_within_guards(r, "wrong types");
}

TEST_F(BadInput, HundredThousandLevelsOfNestingAreRefusedInEveryReader) {
  const int depth = 100000;
  std::string json_arrays = std::string(depth, '[') + std::string(depth, ']');
  std::string json_objects;
  for (int i = 0; i < depth; ++i) json_objects += "{\"a\":";
  json_objects += "1" + std::string(depth, '}');
  std::string yaml_flow = std::string(depth, '[') + std::string(depth, ']') + "\n";
  std::string yaml_mappings;
  for (int i = 0; i < depth; ++i) yaml_mappings += "{a: ";
  yaml_mappings += "1" + std::string(depth, '}') + "\n";
  std::map<std::string, std::string> files = {
      // The streamed List path (one deep item), the whole-object path, and YAML both ways.
      {"deep-item.json", "{\"kind\": \"List\", \"items\": [" + json_objects + "]}"},
      {"deep-member.json", "{\"kind\": \"ConfigMap\", \"data\": " + json_objects + "}"},
      {"deep-arrays.json", json_arrays},
      {"deep-flow.yaml", "kind: ConfigMap\ndata: " + yaml_flow},
      {"deep-mappings.yaml", yaml_mappings},
  };
  for (const auto& [name, text] : files) {
    std::string path = write(name, text);
    BoundedResult r = run_bounded({"audit", path}, dir_);
    EXPECT_EQ(r.cli.exit_code, 2) << name << "\n" << r.cli.err;
    EXPECT_NE(r.cli.err.find(path + ":"), std::string::npos) << name << "\n" << r.cli.err;
    EXPECT_TRUE(r.cli.err.find("nesting deeper than 512 levels") != std::string::npos ||
                r.cli.err.find("too deep") != std::string::npos)
        << name << "\n"
        << r.cli.err;
    expect_within_guards(r, name);
  }
}

// Found by the corpus (deep-mappings.yaml): a .yaml file opening with `{` was
// read as JSON only, so valid flow-style YAML was "improper JSON".
TEST_F(BadInput, FlowStyleYamlFileIsReadAsYamlNotRejectedAsJson) {
  std::string flow = write("flow.yaml", "{apiVersion: v1, kind: Node, metadata: {name: n1}}\n");
  std::string list = write("flow-list.yml", "[{apiVersion: v1, kind: Node, metadata: {name: n2}}]\n");
  CliResult r = run_cli({"audit", flow, "-o", "json"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("\"cloud\": 1"), std::string::npos) << r.out;
  // A top-level sequence is not a Kubernetes object, in either reader.
  r = run_cli({"audit", list});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find(list + ":1:1: expected a Kubernetes object (a mapping), got a list"), std::string::npos)
      << r.err;
  // Broken either way: the .yaml file gets YAML's message, stdin JSON's.
  std::string broken = write("broken.yaml", "{kind: Node, metadata: {name: [}}\n");
  r = run_cli({"audit", broken});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find(broken + ":1:"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("JSON"), std::string::npos) << r.err;
  r = run_cli({"audit", "-"}, broken);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("<stdin>:1:"), std::string::npos) << r.err;
}

// Found by the corpus (describe-cluster-bad-cidrs.json): in a .json file that
// is one object (not a List), every decode error said 1:1, because the
// streaming reader handed the object on with no bytes to count lines in.
TEST_F(BadInput, SingleObjectJsonFileErrorsPointAtTheValue) {
  std::string deployment = write("deploy.json",
                                 "{\n  \"apiVersion\": \"apps/v1\",\n  \"kind\": \"Deployment\",\n"
                                 "  \"metadata\": {\"name\": \"d\"},\n  \"spec\": {\n    \"replicas\": -3\n  }\n}\n");
  CliResult r = run_cli({"audit", deployment});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find(deployment + ":6:17: spec.replicas: -3 is out of range"), std::string::npos) << r.err;
}

TEST_F(BadInput, AliasBombsAreStoppedBeforeTheyExpand) {
  // Billion laughs: 9 levels of 10 aliases each, 10^9 nodes if expanded.
  std::string laughs = "l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n";
  for (int level = 1; level <= 9; ++level) {
    std::string prev = "*l" + std::to_string(level - 1);
    laughs += "l" + std::to_string(level) + ": &l" + std::to_string(level) + " [";
    for (int i = 0; i < 10; ++i) laughs += (i ? ", " : "") + prev;
    laughs += "]\n";
  }
  // Few aliases of one huge anchor: cheap to write, 2M nodes to expand.
  std::string wide = "big: &big [";
  for (int i = 0; i < 200000; ++i) wide += (i ? ",1" : "1");
  wide += "]\ncopies: [*big, *big, *big, *big, *big, *big, *big, *big, *big, *big]\n";
  for (const auto& [name, text] : std::map<std::string, std::string>{{"laughs.yaml", laughs}, {"wide.yaml", wide}}) {
    std::string path = write(name, text);
    BoundedResult r = run_bounded({"audit", path}, dir_);
    EXPECT_EQ(r.cli.exit_code, 2) << name;
    EXPECT_NE(r.cli.err.find("aliases expand to more than 1000000 nodes (an alias bomb?)"), std::string::npos)
        << name << "\n"
        << r.cli.err;
    expect_within_guards(r, name);
  }
}

TEST_F(BadInput, TwoHundredMegabyteSingleLineIsReadWithinBounds) {
  const size_t size = 200u << 20;
  std::string blob(size, 'A');
  // Valid, streamed: a List whose one item carries a 200 MB annotation (dropped: over 1 KiB).
  std::string list = write("big-line.json",
                           "{\"apiVersion\": \"v1\", \"kind\": \"List\", \"items\": [{\"apiVersion\": \"v1\", "
                           "\"kind\": \"Node\", \"metadata\": {\"name\": \"n\", \"annotations\": {\"x\": \"" +
                               blob + "\"}}}]}");
  BoundedResult r = run_bounded({"audit", list, "-o", "json"}, dir_);
  EXPECT_EQ(r.cli.exit_code, 0) << r.cli.err;
  EXPECT_NE(r.cli.out.find("\"cloud\": 1"), std::string::npos) << "the node is read";
  expect_within_guards(r, "200 MB JSON line");
  std::filesystem::remove(list);
  // Broken, YAML: the same line with no closing quote.
  std::string yaml = write("big-line.yaml", "kind: ConfigMap\nmetadata: {name: big, annotations: {x: \"" + blob);
  blob.clear();
  blob.shrink_to_fit();
  r = run_bounded({"audit", yaml}, dir_);
  EXPECT_EQ(r.cli.exit_code, 2);
  EXPECT_NE(r.cli.err.find(yaml + ":2:"), std::string::npos) << r.cli.err.substr(0, 500);
  EXPECT_LT(r.cli.err.size(), 4096u) << "the message quotes no 200 MB excerpt";
  expect_within_guards(r, "200 MB YAML line");
}

}  // namespace bad_input_test
}  // namespace hybridctl::testing
