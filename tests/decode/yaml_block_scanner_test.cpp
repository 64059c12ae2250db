// The block scanner (yaml_block_scanner.h) against libfyaml: every document
// must give the same Values — kinds, text and the offsets findings point
// at — or the same error, whichever reads it. Cases are named after the
// YAML 1.2 behaviour they pin; the corpus test runs every YAML file the
// project has (upstream manifests, examples, bad input, crash inputs).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "decode/yaml_reader.h"
#include "test_paths.h"

namespace hybridctl::decode {
namespace yaml_block_scanner_test {

std::string source_dir() { return HYBRIDCTL_SOURCE_DIR; }

void dump(const Value& v, std::string& out) {
  out += std::string(Value::kind_name(v.kind())) + "@" + std::to_string(v.offset());
  if (v.is_scalar()) {
    out += "[" + v.text() + "]";
  } else if (v.is_object()) {
    out += "{";
    for (const auto& [k, m] : v.members()) {
      out += k + ":";
      dump(m, out);
      out += ",";
    }
    out += "}";
  } else {
    out += "[";
    for (const Value& i : v.items()) {
      dump(i, out);
      out += ",";
    }
    out += "]";
  }
}

struct Read {
  std::string documents;  // every document, dumped with offsets
  YamlReadResult result;
};

Read read(std::string_view text, YamlEngine engine, bool skip_unread_fields) {
  Read r;
  static const std::string path = "<test>";
  r.result = read_yaml(text, 0, path,
                       [&](Value&& v, const DocumentContext&) {
                         dump(v, r.documents);
                         r.documents += "\n";
                       },
                       {engine, skip_unread_fields});
  return r;
}

std::string describe(const Read& r) {
  std::ostringstream s;
  s << r.documents;
  if (!r.result.ok) s << "error " << r.result.error_at.line << ":" << r.result.error_at.column << " " << r.result.error;
  return s.str();
}

// Reads `text` both ways and expects the same; returns the Auto read.
// Every field is built: libfyaml skips none in a document holding a '&'.
Read expect_same(std::string_view text) {
  Read fast = read(text, YamlEngine::Auto, false);
  Read reference = read(text, YamlEngine::LibfyamlOnly, false);
  std::string a = describe(fast), b = describe(reference);
  if (a != b) {
    size_t i = 0;
    while (i < a.size() && i < b.size() && a[i] == b[i]) ++i;
    size_t from = i > 200 ? i - 200 : 0;
    ADD_FAILURE() << "first difference at " << i << "\nscanner:  " << a.substr(from, 300)
                  << "\nlibfyaml: " << b.substr(from, 300)
                  << (text.size() < 2000 ? "\nfor:\n" + std::string(text) : std::string());
  }
  return fast;
}

// The scanner reads `text` itself (no document falls back) and agrees.
void expect_scanned(std::string_view text) {
  Read r = expect_same(text);
  EXPECT_EQ(r.result.libfyaml_ranges, 0u) << "fell back on:\n" << text;
  EXPECT_GT(r.result.scanned_documents, 0u) << text;
}

// The scanner leaves `text` to libfyaml, and the result is libfyaml's.
void expect_fallback(std::string_view text) {
  Read r = expect_same(text);
  EXPECT_GT(r.result.libfyaml_ranges, 0u) << "scanned:\n" << text;
}

TEST(YamlBlockScanner, BlockMappingsNestByIndentation) {
  expect_scanned("apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  labels:\n    app: web\n");
  expect_scanned("a:\n    b:\n        c: 1\n    d: 2\ne: 3\n");
  expect_scanned("  indented: root\n  second: 2\n");
}

TEST(YamlBlockScanner, CompactSequenceAtTheKeysIndentation) {
  expect_scanned("containers:\n- name: a\n  image: x\n- name: b\nafter: 1\n");
  expect_scanned("spec:\n  containers:\n  - args:\n    - --x\n    - --y\n    name: c\n");
}

TEST(YamlBlockScanner, IndentedSequencesAndNestedCompactSequences) {
  expect_scanned("a:\n  - 1\n  - 2\nb: 3\n");
  expect_scanned("- - a\n  - b\n- - c\n");
  expect_scanned("-\n  x: 1\n-\n  - y\n- z\n");
}

TEST(YamlBlockScanner, EmptyValueIsNull) {
  expect_scanned("a:\nb: 1\nc:\n");
  expect_scanned("a:\n  b:\n  c:  # comment\nd:\n");
}

TEST(YamlBlockScanner, PlainScalarsResolveUnderTheCoreSchema) {
  expect_scanned("a: 1\nb: -2.5e3\nc: 0x1F\nd: true\ne: False\nf: null\ng: ~\nh: .inf\ni: 1.2.3\nj: 0o17\n");
  expect_scanned("true: x\n1: y\n~: z\n");
}

TEST(YamlBlockScanner, PlainScalarsKeepColonsAndHashesNotFollowedBySpace) {
  expect_scanned("image: nginx:1.25\nurl: http://x/y#frag\nk8s.io/name: a:b:c\nv: a #comment\nw: -x\n");
  expect_scanned("key with spaces  : value with  spaces   \n");
}

TEST(YamlBlockScanner, QuotedScalarsUnescape) {
  expect_scanned("a: \"x\\ny\\t\\\"q\\\" \\\\ \\/ \\u00e9 \\U0001F600 \\x41\"\nb: 'it''s ''quoted'' \\n'\n");
  expect_scanned("\"f:metadata\":\n  \".\": {}\n  'f:labels': {}\n\"spaced\" : 1\n");
  expect_scanned("a: \"\"\nb: ''\nc: \"#not a comment\"  # a comment\n");
}

TEST(YamlBlockScanner, EmptyFlowCollections) {
  expect_scanned("resources: {}\nargs: []\nnested:\n  x: {}  # c\n");
  expect_scanned("- {}\n- []\n");
}

TEST(YamlBlockScanner, OneLineFlowCollections) {
  expect_scanned("apiGroups: [\"\"]\nverbs: [\"get\", 'list', watch]\nlabels: {app: web, tier: \"front\"}\n");
  expect_scanned("- {metadata: {name: node1, labels: {foo: bar}}, spec: {taints: [{key: a, effect: NoSchedule}]}}\n");
  expect_scanned("a: [ 1 , -2, true, null, ~, a b, http://x:80/y ]  # c\nb: [[], {}, [x]]\n");
  expect_scanned("a: {\"k\": v, 'q': [1]}\n");
}

TEST(YamlBlockScanner, MultiLineScalarsFold) {
  expect_scanned(
      "description: a long text that\n  goes on here\n\n  and after an empty line   \n    deeper\nnext: 1\n");
  expect_scanned("- first line\n  second line\n- 'quoted text  \n   that folds'\n- \"double\\t \n\n  quoted\"\n");
  expect_scanned("a:\n  value on its own line\n  continued\nb: x\n  # a comment ends it\nc: 'q'\n");
  expect_scanned("message: 'containers with unready status: [app]'\nreason: x\n");
  expect_scanned("a:\n  b: 'continued at\n  the key''s indentation'\n  c: \"x\n    \\ escaped space\"\n");
  expect_scanned("d: a map of {key,value} pairs\n  {key,value} in it\n  * a bullet\n");
  expect_scanned(
      "e: \"kubectl folds long strings at an escaped \\\n  \\ break: Get \\\"x\\\"\\\n  : done\\\n\n  after an empty "
      "line\"\n");
}

TEST(YamlBlockScanner, LiteralBlockScalarChomping) {
  expect_scanned("a: |\n  line 1\n   line 2\n\n  line 3\n\n\nb: 1\n");
  expect_scanned("a: |-\n  x\n\n\nb: |+\n  y\n\n\nc: |\n  z\n");
  expect_scanned("a: |  # header comment\n\n\n  after two empty lines\n  # not a comment\n    deeper\nb: 2\n");
  expect_scanned("- |\n  in a sequence\n- x\n");
  expect_scanned("a: |\n  x\n      \n  y\n");  // a line of spaces beyond the indentation is content
  expect_scanned("a: |+\n  x\n \n\n");
  expect_scanned("a: |\nb: |-\n\nc: 1\n");  // empty
  expect_fallback("a: |+\n\nb: 1\n");
}

TEST(YamlBlockScanner, CommentsAndBlankLinesAnywhere) {
  expect_scanned("# head\n\na: 1 # c\n# between\n  # indented comment\nb:\n  # before the value\n  c: 2\n\n# tail\n");
}

TEST(YamlBlockScanner, DocumentsSplitAtMarkers) {
  expect_scanned("---\na: 1\n---\nb: 2\n--- # comment\nc: 3\n");
  expect_scanned("a: 1\n---\n---\n# only a comment\n---\nb: 2\n");
  expect_scanned("--- \n- 1\n");
  expect_scanned("key: ---\n---x: 1\n");
}

TEST(YamlBlockScanner, NoFinalLineBreak) {
  expect_scanned("a: 1");
  expect_scanned("a:\n  - x");
  expect_scanned("a: 'q'");
}

TEST(YamlBlockScanner, FallsBackOutsideTheSubset) {
  expect_fallback("a: &x 1\nb: *x\n");                           // anchors and aliases
  expect_fallback("a: !!str 1\n");                               // tags
  expect_fallback("a: [1,\n  2]\n");                             // flow collections over several lines
  expect_fallback("a: [1, ]\nb: {c}\n");                         // trailing commas, keys without values
  expect_fallback("a: [b: c]\n");                                // single-pair mappings in sequences
  expect_fallback("a: {\"k\":v}\n");                             // JSON-like keys without a space
  expect_fallback("a: >\n  folded\n  text\n");                   // folded scalars
  expect_fallback("a: plain\n  - continued\n");                  // continuation lines starting with indicators
  expect_fallback("a:\n  b: \"multi\nline\"\n");                 // continuation lines less indented than the key
  expect_fallback("a:\n\tb: 1\n");                               // tabs
  expect_fallback("? complex\n: key\n");                         // complex keys
  expect_fallback("a: 1\n" + std::string(1100, 'k') + ": 1\n");  // keys near YAML's 1,024-character limit
  expect_fallback("%YAML 1.2\n---\na: 1\n");                     // directives
  expect_fallback("a: 1\n...\nb: 2\n");                          // document end markers
  expect_fallback("a: |2\n   indicated\n");                      // indentation indicators
  expect_fallback("a: 1\r\nb: 2\r\n");                           // CRLF
  expect_fallback("a: \"\\e\"\n");                               // rarer escapes
  expect_fallback("a:\n- x\n- \nb:");                            // empty entries: libfyaml refuses some
  expect_fallback("- \n-\n- a\n");
  expect_fallback("- a:\n  - \n  - b\n");
}

TEST(YamlBlockScanner, InvalidYamlIsLibfyamlsToReport) {
  expect_fallback("a: 1\nb: 2: 3\n");
  expect_fallback("a: 1\n  b: 2\n");
  expect_fallback("a:\n  - 1\n  b: 2\n");
  expect_fallback("- a\nb: 1\n");
  expect_fallback("a: \"unterminated\n");
  expect_fallback("a: 'x' y\n");
  expect_fallback("a: 1\na: 2\n");  // duplicate keys: the builder's error, at libfyaml's offset
}

TEST(YamlBlockScanner, SkipsTheSameFieldsAsLibfyamlWithoutAnchors) {
  std::string pod =
      "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  managedFields:\n  - manager: kubectl\n"
      "    fieldsV1: {\"f:spec\": {}}\nspec:\n  nodeName: n\n  containers:\n  - name: c\n    image: x\n";
  Read fast = read(pod, YamlEngine::Auto, true);
  Read reference = read(pod, YamlEngine::LibfyamlOnly, true);
  EXPECT_EQ(fast.documents, reference.documents);
  EXPECT_EQ(fast.documents.find("fieldsV1"), std::string::npos) << fast.documents;
  EXPECT_NE(fast.documents.find("kubectl"), std::string::npos) << "a field manager is kept: " << fast.documents;
  EXPECT_EQ(fast.result.scanned_documents, 1u);
}

// A block scalar's content is indented more than its key (YAML 1.2 section
// 8.1.1.1; go-yaml, hence kubectl, reads it so): a line at the key's own
// indentation ends an empty scalar. libfyaml 0.7.12 takes such lines as the
// content, at times with uninitialised bytes in it (found by the
// differential fuzzer); the scanner reads what YAML says and counts the
// disagreement.
TEST(YamlBlockScanner, EmptyLiteralScalarBeforeAKeyAtTheSameIndentation) {
  std::string text = "  relay: |\n  N  exporters:\n     tadata:\n          - k8s.namespace.name\n";
  Read r = read(text, YamlEngine::Auto, false);
  EXPECT_EQ(r.result.scanned_documents, 1u);
  EXPECT_EQ(r.result.libfyaml_disagreements, 1u);
  EXPECT_EQ(r.documents,
            "a mapping@2{relay:a string@11[],N  exporters:a mapping@32{tadata:a list@50[a "
            "string@52[k8s.namespace.name],],},}\n");
}

TEST(YamlBlockScanner, EmptyBlockScalarsEndAtTheirKeysIndentationAsInGoYaml) {
  struct Case {
    const char* yaml;
    const char* go_yaml;  // what sigs.k8s.io/yaml reads, as JSON
  };
  for (const Case& c :
       {Case{"a:\n  r: |\n  n: 1\n", R"({"a":{"r":"","n":1}})"},
        Case{"a:\n  r: |-\n  n:\n    x: 1\nb: 2\n", R"({"a":{"r":"","n":{"x":1}},"b":2})"},
        Case{"- r: |\n  n: 1\n", R"([{"r":"","n":1}])"}, Case{"a:\n  - |\n  - x\n", R"({"a":["","x"]})"}}) {
    std::string json;
    static const std::string path = "<test>";
    YamlReadResult r = read_yaml(c.yaml, 0, path, [&](Value&& v, const DocumentContext&) { json += to_json(v); });
    EXPECT_TRUE(r.ok) << c.yaml;
    EXPECT_EQ(json, c.go_yaml) << c.yaml;
    EXPECT_EQ(r.libfyaml_disagreements, 1u) << c.yaml;
  }
  Read agreed = expect_same("a: |\nb: 1\n");  // at column 0 libfyaml agrees
  EXPECT_EQ(agreed.result.libfyaml_disagreements, 0u);
}

TEST(YamlBlockScanner, OnlyTheDocumentOutsideTheSubsetFallsBack) {
  Read r = expect_same("a: 1\n---\nb: &x 2\nc: *x\n---\nd: 3\n---\ne: !!str 1\n");
  EXPECT_EQ(r.result.scanned_documents, 2u);
  EXPECT_EQ(r.result.libfyaml_ranges, 2u);
}

// One libfyaml parser, restarted, reads every document that falls back.
TEST(YamlBlockScanner, DocumentsThatFallBackShareOneParser) {
  std::string text;
  for (int i = 0; i < 20; ++i)
    text += "---\na: &x " + std::to_string(i) + "\nb: *x\n---\nc: " + std::to_string(i) + "\n";
  text += "---\nd: [\n";  // an error after them all
  Read r = expect_same(text);
  EXPECT_EQ(r.result.scanned_documents, 20u);
  EXPECT_EQ(r.result.libfyaml_ranges, 21u);
  EXPECT_FALSE(r.result.ok);
  EXPECT_EQ(r.result.error_at.line, 103u);  // the end of the text, after line 102's `[`
}

TEST(YamlBlockScanner, ErrorsKeepTheirLineAfterScannedDocuments) {
  Read r = expect_same("a: 1\n---\nb: 2\n---\nc: [\n");
  EXPECT_FALSE(r.result.ok);
  EXPECT_EQ(r.result.error_at.line, 6u);
}

// Every YAML file in the project reads the same both ways, and the scanner
// reads most of the upstream manifests' documents itself.
TEST(YamlBlockScanner, CorpusReadsTheSameAsLibfyaml) {
  namespace fs = std::filesystem;
  std::vector<fs::path> roots = {source_dir() + "/../shared/fixtures", source_dir() + "/examples",
                                 source_dir() + "/tests"};
  size_t files = 0, scanned = 0, fallbacks = 0;
  for (const fs::path& root : roots) {
    if (!fs::exists(root)) continue;
    for (const auto& entry : fs::recursive_directory_iterator(root)) {
      if (!entry.is_regular_file()) continue;
      std::string ext = entry.path().extension().string();
      bool crash_input = entry.path().parent_path().filename() == "yaml_reader";
      if (ext != ".yaml" && ext != ".yml" && !crash_input) continue;
      std::ifstream in(entry.path(), std::ios::binary);
      std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
      SCOPED_TRACE(entry.path().string());
      Read r = expect_same(text);
      ++files;
      scanned += r.result.scanned_documents;
      fallbacks += r.result.libfyaml_ranges;
    }
  }
  // The project's own files, and the upstream manifests where ../shared is there.
  EXPECT_GT(files, fs::exists(roots[0]) ? 100u : 50u);
  EXPECT_GT(scanned, 4 * fallbacks) << scanned << " documents scanned, " << fallbacks << " ranges left to libfyaml";
}

}  // namespace yaml_block_scanner_test
}  // namespace hybridctl::decode
