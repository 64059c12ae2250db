// One test per bug the fuzzers or the bad-input corpus found, named after the
// bug. The crashing inputs themselves live next to this file, one folder per
// fuzz target, and scripts/fuzz --replay runs them through the targets in CI.
#include <gtest/gtest.h>
#include <sys/mman.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

#include "core/cidr.h"
#include "core/utf8.h"
#include "decode/assumed_nodes.h"
#include "decode/decode_pod_spec.h"
#include "decode/json_reader.h"
#include "decode/object_decoder.h"
#include "decode/yaml_reader.h"
#include "k8s/calico_selector.h"
#include "test_paths.h"

namespace hybridctl::decode {
namespace fuzz_regressions_test {

std::string read_text_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// quantity oracle: "9m" was 10 millicores (9 * 1e-3 * 1000 = 9.000000000000002
// in doubles, then rounded up); one millicore value in eight was off by one.
TEST(FuzzRegressions, QuantityMillicoresRoundedUpByFloatError) {
  EXPECT_EQ(parse_cpu_milli("9m"), 9);
  EXPECT_EQ(parse_cpu_milli("13m"), 13);
  EXPECT_EQ(parse_cpu_milli("2.007"), 2007);
  for (int64_t n = 1; n < 20000; ++n) {
    ASSERT_EQ(parse_cpu_milli(std::to_string(n) + "m"), n) << n;
  }
}

// Rounding up is still what requests get: fractions of a unit become one.
TEST(FuzzRegressions, QuantityFractionsRoundUpToTheUnit) {
  EXPECT_EQ(parse_cpu_milli("0.5m"), 1);
  EXPECT_EQ(parse_cpu_milli("1n"), 1);
  EXPECT_EQ(parse_bytes("0.5"), 1);
  EXPECT_EQ(parse_bytes("1.5Ki"), 1536);
  EXPECT_EQ(parse_bytes("2.2Mi"), 2306868);  // 2306867.2 rounded up
  EXPECT_EQ(parse_cpu_milli("-0.5m"), 0);    // up is toward zero for negatives
}

// resource.Quantity's suffixes: decimal n u m k M G T P E, binary Ki..Ei,
// and exponents (1e3, 1E3; "E" alone is exa).
TEST(FuzzRegressions, QuantitySuffixesAsResourceQuantity) {
  EXPECT_EQ(parse_cpu_milli("100u"), 1);
  EXPECT_EQ(parse_cpu_milli("1e3"), 1000000);
  EXPECT_EQ(parse_bytes("1E3"), 1000);
  EXPECT_EQ(parse_bytes("1E"), 1000000000000000000);
  EXPECT_EQ(parse_bytes("128Mi"), 134217728);
  EXPECT_EQ(parse_bytes("+1k"), 1000);
  EXPECT_EQ(parse_bytes(".5k"), 500);
  EXPECT_EQ(parse_bytes("1."), 1);
  EXPECT_EQ(parse_bytes("0Ei"), 0);
  EXPECT_EQ(parse_bytes(""), std::nullopt);
  EXPECT_EQ(parse_bytes("."), std::nullopt);
  EXPECT_EQ(parse_bytes("1Kb"), std::nullopt);
  EXPECT_EQ(parse_bytes("1e"), std::nullopt);
  EXPECT_EQ(parse_bytes("1..5"), std::nullopt);
}

// quantity: "9223372036854775807Ei" and "99999999999999999999" cast a double beyond int64
// (undefined behaviour, UBSan's float-cast-overflow); now out of range is nullopt.
TEST(FuzzRegressions, QuantityBeyondInt64IsRejectedNotUndefined) {
  EXPECT_EQ(parse_bytes("9223372036854775807"), INT64_MAX);
  EXPECT_EQ(parse_bytes("9223372036854775808"), std::nullopt);
  EXPECT_EQ(parse_bytes("9223372036854775807Ei"), std::nullopt);
  EXPECT_EQ(parse_bytes("1e300"), std::nullopt);
  EXPECT_EQ(parse_cpu_milli("9223372036854775807"), std::nullopt);
  EXPECT_EQ(parse_bytes("8Ei"), std::nullopt);
  EXPECT_EQ(parse_bytes("7Ei"), 8070450532247928832);
}

// cidr oracle: inet_pton reads a C string, so "10.0.0.1\0banana" was the
// address 10.0.0.1 and the rest of the text was ignored.
TEST(FuzzRegressions, IpAddressWithEmbeddedNulIsRejected) {
  using namespace std::string_view_literals;
  EXPECT_FALSE(IpAddress::parse("10.0.0.1\0banana"sv));
  EXPECT_FALSE(Cidr::parse("10.0.0.1\0banana/8"sv));
  EXPECT_FALSE(Cidr::parse("fd00::\0/64"sv));
  EXPECT_TRUE(Cidr::parse("10.0.0.1/8"sv));
}

// calico_selector: every `(` and `!` recursed without a bound, so an IPPool
// nodeSelector of 100,000 parentheses overflowed the stack.
TEST(FuzzRegressions, CalicoSelectorDeepNestingIsUnparseableNotAStackOverflow) {
  StringMap labels;
  labels.set("a", "b");
  std::string deep = std::string(100000, '(') + "all()" + std::string(100000, ')');
  EXPECT_EQ(k8s::calico_selector_matches(deep, labels), std::nullopt);
  EXPECT_EQ(k8s::calico_selector_matches(std::string(100000, '!') + "all()", labels), std::nullopt);
  // Nesting that real selectors use still parses.
  std::string moderate = std::string(100, '(') + "a == 'b'" + std::string(100, ')');
  EXPECT_EQ(k8s::calico_selector_matches(moderate, labels), true);
  EXPECT_EQ(k8s::calico_selector_matches("!!has(a)", labels), true);
}

// label_selector, node_selector, describe_cluster, yaml_reader timeouts:
// libfyaml 0.7.12 loops forever on invalid UTF-8 inside a `%` directive
// ("%\x8b\x8b" is enough), so `hybridctl audit` hung on a 4-byte file. The
// reader now refuses invalid UTF-8 first, at the offending byte.
TEST(FuzzRegressions, LibfyamlHangsOnInvalidUtf8InDirective) {
  static const std::string path = "t.yaml";
  auto ignore = [](Value&&, const DocumentContext&) {};
  YamlReadResult r = read_yaml("%\x8b\x8b\n", 0, path, ignore);
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.error, "invalid UTF-8 (YAML must be UTF-8 text)");
  EXPECT_EQ(r.error_at.line, 1u);
  EXPECT_EQ(r.error_at.column, 2u);
  r = read_yaml("kind: Node\nmetadata:\n  name: caf\xe9\n", 0, path, ignore);
  EXPECT_EQ(r.error_at.line, 3u);
  EXPECT_EQ(r.error_at.column, 12u);
  // Valid UTF-8 (and NUL-free directives) still parse.
  EXPECT_TRUE(read_yaml("%YAML 1.2\n---\nname: caf\xc3\xa9 \xf0\x9f\x98\x80\n", 0, path, ignore).ok);
}

// describe_cluster leak: libfyaml 0.7.12's fy_token_get_text leaks its
// iterator's chunk array (512 bytes, LeakSanitizer) on a single-quoted scalar
// with eight or more escaped quotes, valid YAML such as `a: ''''''''''''''''''`.
// The reader now unquotes one-line single-quoted scalars itself (the only
// escape is '' for '), which never reaches that path.
TEST(FuzzRegressions, LibfyamlGetTextLeaksOnEscapedQuotes) {
  static const std::string path = "t.yaml";
  std::string input =
      read_text_file(std::string(HYBRIDCTL_SOURCE_DIR) +
                     "/tests/fuzz_regressions/describe_cluster/libfyaml-get-text-leaks-on-escaped-quotes");
  ASSERT_FALSE(input.empty());
  YamlReadResult r = read_yaml(input, 0, path, [](Value&&, const DocumentContext&) {});
  EXPECT_FALSE(r.ok);
  // The input ends in NUL bytes, now refused before any parser reads it
  // (libfyaml said "missing comma in flow mapping").
  EXPECT_EQ(r.error, "a NUL byte (YAML text cannot hold one)");
  std::vector<std::string> texts;
  auto collect = [&](Value&& root, const DocumentContext&) {
    for (const auto& [key, value] : root.members()) texts.push_back(value.text());
  };
  const std::string quotes8(8, '\'');
  std::string yaml = "a: '" + std::string(16, '\'') + "'\nb: 'it''s'\nc: ''\nd: ' sp '\ne: 'two\n  lines'\n" +
                     "f: \"x\\ty\\u00e9\"\ng: >-\n  folded\n  line\n";
  ASSERT_TRUE(read_yaml(yaml, 0, path, collect).ok);
  EXPECT_EQ(texts, (std::vector<std::string>{quotes8, "it's", "", " sp ", "two lines", "x\ty\xc3\xa9", "folded line"}));
}

// Unicode table 3-7: overlong forms, surrogates and code points past U+10FFFF are ill-formed.
TEST(FuzzRegressions, Utf8ValidationFindsTheFirstIllFormedByte) {
  using namespace std::string_view_literals;
  EXPECT_EQ(first_invalid_utf8("plain ascii"sv), kValidUtf8);
  EXPECT_EQ(first_invalid_utf8("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80 \xf4\x8f\xbf\xbf"sv), kValidUtf8);
  EXPECT_EQ(first_invalid_utf8("ab\xc0\x80"sv), 2u);        // overlong NUL
  EXPECT_EQ(first_invalid_utf8("a\xe0\x80\xaf"sv), 1u);     // overlong 3-byte
  EXPECT_EQ(first_invalid_utf8("a\xed\xa0\x80"sv), 1u);     // surrogate D800
  EXPECT_EQ(first_invalid_utf8("\xf4\x90\x80\x80"sv), 0u);  // U+110000
  EXPECT_EQ(first_invalid_utf8("\xf0\x8f\xbf\xbf"sv), 0u);  // overlong 4-byte
  EXPECT_EQ(first_invalid_utf8("ok \xe2\x82"sv), 3u);       // truncated at the end
  EXPECT_EQ(first_invalid_utf8("\x80"sv), 0u);              // lone continuation
  EXPECT_EQ(first_invalid_utf8("x\xff"sv), 1u);
  EXPECT_EQ(first_invalid_utf8("a\0b"sv), kValidUtf8);  // NUL is valid UTF-8
}

// assumed_nodes: 1,680 executions in 20 s, each allocating millions of nodes:
// the 100,000 bound applied per item, not to the whole flag.
TEST(FuzzRegressions, AssumedNodesAreBoundedInTotalNotPerItem) {
  std::vector<model::Node> nodes;
  EXPECT_EQ(add_assumed_nodes("cloud:a=60000,hybrid:b=40000", nodes), "");
  EXPECT_EQ(nodes.size(), 100000u);
  nodes.clear();
  EXPECT_EQ(add_assumed_nodes("cloud:a=60000,cloud:b=40001", nodes), "--assume-nodes: more than 100000 nodes in total");
  nodes.clear();
  std::string many;
  for (int i = 0; i < 50; ++i) many += (i ? "," : "") + std::string("cloud:z") + std::to_string(i) + "=99999";
  EXPECT_NE(add_assumed_nodes(many, nodes), "");
  EXPECT_LE(nodes.size(), 100000u);
}

struct Decoded {
  model::Snapshot snapshot;
  Diagnostics diagnostics;
  std::string errors;  // "LINE:COL: message" per error, one a line
};

Decoded decode_yaml(std::string_view text) {
  static const std::string path = "t.yaml";
  Decoded d;
  ObjectDecoder decoder(d.snapshot, d.diagnostics);
  YamlReadResult r =
      read_yaml(text, 0, path, [&](Value&& root, const DocumentContext& ctx) { decoder.decode_document(root, ctx); });
  EXPECT_TRUE(r.ok) << r.error;
  for (const Diagnostic& diag : d.diagnostics.items()) {
    d.errors += std::to_string(diag.where.line) + ":" + std::to_string(diag.where.column) + ": " + diag.message + "\n";
  }
  return d;
}

// bad-input corpus describe-cluster-bad-cidrs.json: remote networks `/99` and
// `banana` were dropped without a word, so the audit ran as if the pod
// network were unknown. Now each is an error at its position.
TEST(FuzzRegressions, DescribeClusterInvalidRemoteNetworkCidrIsAnError) {
  Decoded d = decode_yaml(
      "cluster:\n  name: c\n  remoteNetworkConfig:\n    remoteNodeNetworks: [{cidrs: "
      "[10.80.0.0/99]}]\n");
  EXPECT_EQ(d.errors, "4:35: describe-cluster: remoteNodeNetworks[].cidrs: \"10.80.0.0/99\" is not a CIDR block\n");
  EXPECT_FALSE(d.snapshot.cluster_info);
  d = decode_yaml("cluster:\n  remoteNetworkConfig:\n    remotePodNetworks: [{cidrs: [banana]}]\n");
  EXPECT_EQ(d.errors, "3:34: describe-cluster: remotePodNetworks[].cidrs: \"banana\" is not a CIDR block\n");
}

// bad-input corpus node-bad-cidr-and-ip.yaml: a Node whose podCIDR is not a
// CIDR or whose InternalIP is not an address was used as if it had none.
TEST(FuzzRegressions, NodeInvalidPodCidrOrInternalIpSkipsTheNode) {
  Decoded d = decode_yaml(
      "kind: Node\nmetadata: {name: a}\nspec: {podCIDR: banana}\n---\n"
      "kind: Node\nmetadata: {name: b}\nspec: {podCIDRs: [10.0.0.0/24, 10.0.1.0/33]}\n---\n"
      "kind: Node\nmetadata: {name: c}\nstatus: {addresses: [{type: InternalIP, address: "
      "10.80.0.300}]}\n"
      "---\nkind: Pod\nmetadata: {name: p}\nstatus: {podIP: 10.85.0.1.2}\n");
  EXPECT_EQ(d.errors,
            "3:17: podCIDR: \"banana\" is not a CIDR block\n"
            "7:32: podCIDRs: \"10.0.1.0/33\" is not a CIDR block\n"
            "11:50: address: \"10.80.0.300\" is not an IP address\n"
            "15:17: podIP: \"10.85.0.1.2\" is not an IP address\n");
  EXPECT_TRUE(d.snapshot.nodes.empty());
  EXPECT_TRUE(d.snapshot.pods.empty());
}

// Pool CIDRs (Calico IPPool, Tigera Installation, CiliumPodIPPool, CiliumNode) likewise.
TEST(FuzzRegressions, PodPoolInvalidCidrIsAnError) {
  Decoded d = decode_yaml(
      "apiVersion: crd.projectcalico.org/v1\nkind: IPPool\nmetadata: {name: p}\nspec: {cidr: "
      "10.0.0.0/99}\n"
      "---\napiVersion: cilium.io/v2\nkind: CiliumNode\nmetadata: {name: n}\n"
      "spec: {ipam: {podCIDRs: [fd00::/129]}}\n");
  EXPECT_EQ(d.errors,
            "4:14: cidr: \"10.0.0.0/99\" is not a CIDR block\n"
            "9:26: spec.ipam.podCIDRs: \"fd00::/129\" is not a CIDR block\n");
}

std::string json_error(std::string_view text) {
  static const std::string path = "t.json";
  auto ignore = [](Value&&, const DocumentContext&) {};
  JsonReadResult in_memory = read_json_text(text, 0, path, ignore);
  int fd = memfd_create("t", 0);
  EXPECT_EQ(write(fd, text.data(), text.size()), static_cast<ssize_t>(text.size()));
  lseek(fd, 0, SEEK_SET);
  JsonReadResult streamed = read_json_stream(fd, 0, path, ignore, ignore);
  close(fd);
  EXPECT_EQ(in_memory.ok, streamed.ok) << "both JSON paths must agree";
  EXPECT_EQ(in_memory.error, streamed.error);
  return streamed.ok ? ""
                     : std::to_string(streamed.error_at.line) + ":" + std::to_string(streamed.error_at.column) + ": " +
                           streamed.error;
}

// bad-input corpus duplicate-key.json: `{"kind": "Node", "kind": "Pod"}` was
// read (the first kind won, silently) while the same document in YAML is an
// error. Duplicate member names are now an error in JSON too, at the top
// level (the streaming scanner) and inside values (the simdjson builder).
TEST(FuzzRegressions, JsonDuplicateKeyIsAnErrorAsInYaml) {
  EXPECT_EQ(json_error("{\"kind\": \"Node\", \"kind\": \"Pod\"}"), "1:26: duplicate mapping key \"kind\"");
  EXPECT_EQ(json_error("{\"kind\": \"Node\",\n \"metadata\": {\"name\": \"a\", \"name\": \"b\"}}").substr(0, 5),
            "2:36:");
  EXPECT_NE(json_error("{\"metadata\": {\"name\": \"a\", \"name\": \"b\"}}").find("duplicate mapping key \"name\""),
            std::string::npos);
  std::string big = "{\"m\": {";
  for (int i = 0; i < 100; ++i) big += "\"k" + std::to_string(i) + "\": 1, ";
  big += "\"k7\": 2}}";
  EXPECT_NE(json_error(big).find("duplicate mapping key \"k7\""), std::string::npos);
  EXPECT_EQ(json_error("{\"a\": {\"x\": 1}, \"b\": {\"x\": 1}}"), "") << "same name in different objects is fine";
}

}  // namespace fuzz_regressions_test
}  // namespace hybridctl::decode

namespace hybridctl::decode {
namespace fuzz_regressions_test {

// label_selector and describe_cluster (10-minute runs): a mapping key tagged
// `!!bool` with empty text made the key fast path read text[0] of an empty
// string_view (UBSan: reference binding to null pointer). It is now `false`,
// as make_scalar gives for the same node.
TEST(FuzzRegressions, EmptyBoolTaggedKeyIsNotReadPastItsEnd) {
  static const std::string path = "t.yaml";
  std::vector<std::string> keys;
  auto collect = [&](Value&& v, const DocumentContext&) {
    if (!v.is_object()) return;
    for (const auto& m : v.members()) keys.push_back(m.first);
  };
  YamlReadResult r = read_yaml("{!!bool : x, !!bool true: y}\n", 0, path, collect);
  ASSERT_TRUE(r.ok) << r.error;
  EXPECT_EQ(keys, (std::vector<std::string>{"false", "true"}));
}

}  // namespace fuzz_regressions_test
}  // namespace hybridctl::decode

namespace hybridctl::decode {
namespace fuzz_regressions_test {

YamlReadResult read_regression_yaml(const std::string& target, const std::string& name) {
  static const std::string path = "t.yaml";
  std::string text =
      read_text_file(std::string(HYBRIDCTL_SOURCE_DIR) + "/tests/fuzz_regressions/" + target + "/" + name);
  return read_yaml(text, 0, path, [](Value&&, const DocumentContext&) {});
}

// describe_cluster and node_selector (10-minute runs): `? spec:\t:` made
// libfyaml 0.7.12 recycle one simple key twice, and fy_parser_destroy then
// crashed in fy_indent_vacuum_internal. The parser is now kept, not destroyed,
// after that one error; reading the input many times shows nothing else is
// corrupted (ASan would report a use after free).
TEST(FuzzRegressions, LibfyamlDoubleRecycleAfterComplexKeyWithTab) {
  for (int i = 0; i < 50; ++i) {
    YamlReadResult r = read_regression_yaml("describe_cluster", "libfyaml-double-recycle-after-complex-key-with-tab");
    ASSERT_FALSE(r.ok);
    EXPECT_EQ(r.error, "cannot use tab for indentation of block entry");
    EXPECT_EQ(r.error_at.line, 1u);
    EXPECT_EQ(r.error_at.column, 8u);
  }
  // A valid stream read after it parses as before.
  std::vector<std::string> names;
  YamlReadResult ok = read_yaml("? a\n: b\nc: d\n", 0, "ok.yaml", [&](Value&& v, const DocumentContext&) {
    for (const auto& m : v.members()) names.push_back(m.first);
  });
  ASSERT_TRUE(ok.ok) << ok.error;
  EXPECT_EQ(names, (std::vector<std::string>{"a", "c"}));
}

// node_selector (10-minute run): libfyaml formats an error with a source
// excerpt, and for an unclosed single-quoted scalar on a long line after
// anchors fy_diag_error_atom_display passed an unterminated row buffer to
// printf. Errors are now collected as data (line, column, message) and never
// formatted by libfyaml.
TEST(FuzzRegressions, LibfyamlErrorDisplayOverreadOnUnclosedSingleQuote) {
  YamlReadResult r = read_regression_yaml("node_selector", "libfyaml-error-display-overread-unclosed-single-quote");
  ASSERT_FALSE(r.ok);
  EXPECT_EQ(r.error, "single-quoted scalar without closing quote");
  EXPECT_EQ(r.error_at.line, 10u);
  EXPECT_GT(r.error_at.column, 1u);
}

// yaml_block_scanner (differential): an empty entry of a compact sequence,
// null in YAML, is an error for libfyaml 0.7.12 ("did not find expected
// node content"); the scanner read it as null. Empty entries are libfyaml's.
TEST(FuzzRegressions, LibfyamlRefusesEmptyEntryOfCompactSequence) {
  std::string text = read_text_file(std::string(HYBRIDCTL_SOURCE_DIR) +
                                    "/tests/fuzz_regressions/yaml_block_scanner/"
                                    "libfyaml-refuses-empty-entry-of-compact-sequence");
  static const std::string path = "<test>";
  auto sink = [](Value&&, const DocumentContext&) {};
  YamlReadResult scanned = read_yaml(text, 0, path, sink, {YamlEngine::Auto, false});
  YamlReadResult reference = read_yaml(text, 0, path, sink, {YamlEngine::LibfyamlOnly, false});
  ASSERT_FALSE(reference.ok);
  EXPECT_FALSE(scanned.ok);
  EXPECT_EQ(scanned.error, reference.error);
  EXPECT_EQ(scanned.error_at.line, reference.error_at.line);
  EXPECT_EQ(scanned.error_at.column, reference.error_at.column);
  EXPECT_EQ(scanned.scanned_documents, 0u);
}

// yaml_block_scanner (differential): libfyaml 0.7.12 takes the lines after
// an empty literal scalar that are indented like its key as its content,
// and returns uninitialised bytes in that text, so two reads differ. The
// scanner reads the document itself, as YAML and go-yaml say: the scalar is
// empty, the next line a sibling key.
TEST(FuzzRegressions, LibfyamlUninitialisedTextOfEmptyLiteral) {
  std::string text = read_text_file(std::string(HYBRIDCTL_SOURCE_DIR) +
                                    "/tests/fuzz_regressions/yaml_block_scanner/"
                                    "libfyaml-uninitialised-text-of-empty-literal");
  static const std::string path = "<test>";
  std::string relay = "unset";
  YamlReadResult r = read_yaml(text, 0, path, [&](Value&& v, const DocumentContext&) {
    if (const Value* x = v.get("relay")) relay = x->text();
  });
  ASSERT_TRUE(r.ok) << r.error;
  EXPECT_EQ(r.scanned_documents, 1u);
  EXPECT_EQ(r.libfyaml_disagreements, 1u);
  EXPECT_EQ(relay, "");
}

// yaml_block_scanner (differential): libfyaml 0.7.12 takes a NUL byte for
// the end of its text, so the documents after one were dropped without an
// error. A NUL byte is now an error at its position.
TEST(FuzzRegressions, LibfyamlStopsSilentlyAtNulByte) {
  static const std::string path = "t.yaml";
  std::string text("a: 1\nb: x\0y\n---\nc: 2\n", 22);
  size_t documents = 0;
  YamlReadResult r = read_yaml(text, 0, path, [&](Value&&, const DocumentContext&) { ++documents; });
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.error, "a NUL byte (YAML text cannot hold one)");
  EXPECT_EQ(r.error_at.line, 2u);
  EXPECT_EQ(r.error_at.column, 5u);
  EXPECT_EQ(documents, 0u);
}

}  // namespace fuzz_regressions_test
}  // namespace hybridctl::decode
