// `hybridctl fix --write` on copies of every upstream fixture and example:
// exactly the edits written down in fix_command_expected_edits.tsv, every
// other byte kept, each rewritten object what `kubectl patch --local` makes
// of it, nothing fixable left, and a second run changes nothing.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <map>

#include "core/value.h"
#include "decode/json_value_builder.h"
#include "decode/yaml_reader.h"
#include "e2e/cli_runner.h"
#include "fix/splice_diff.h"
#include "fix/splice_file.h"
#include "fix/splice_patch.h"

namespace hybridctl::testing {
namespace fix_command_test {

namespace fs = std::filesystem;

const std::vector<std::string> kProfile = {"--assume-nodes", "cloud:us-west-2a=2,cloud:us-west-2b=2,hybrid:onprem=2",
                                           "--pod-network", "unroutable"};

struct Edit {
  std::string file, rule, object, ops, outcome;
  std::string patch;  // compact JSON, from the audit
  auto key() const { return std::tie(file, rule, object, ops); }
};

std::vector<Edit> expected_edits() {
  std::vector<Edit> out;
  std::istringstream in(read_text(source_dir() + "/tests/e2e/fix_command_expected_edits.tsv"));
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> cols;
    std::stringstream ss(line);
    std::string c;
    while (std::getline(ss, c, '\t')) cols.push_back(c);
    if (cols.size() == 5) out.push_back({cols[0], cols[1], cols[2], cols[3], cols[4], ""});
  }
  return out;
}

// The edits an audit of `dir` offers, files named as in the table (`prefix` + path below `dir`'s parent).
std::vector<Edit> offered_edits(const std::string& audit_json, const std::string& dir, const std::string& prefix) {
  std::vector<Edit> out;
  simdjson::dom::parser parser;
  simdjson::dom::element doc = parser.parse(audit_json);
  for (simdjson::dom::element f : doc["findings"].get_array()) {
    for (simdjson::dom::element p : f["fix"]["patches"].get_array()) {
      Edit e;
      std::string file(f["source"]["file"].get_string().value());
      e.file = prefix + fs::relative(file, fs::path(dir).parent_path()).string();
      e.rule = std::string(f["rule"].get_string().value());
      std::string_view ns = "-";
      if (p["target"]["namespace"].get(ns) != simdjson::SUCCESS) ns = "-";
      e.object = std::string(p["target"]["kind"].get_string().value()) + "/" + std::string(ns) + "/" +
                 std::string(p["target"]["name"].get_string().value());
      for (simdjson::dom::element op : p["patch"].get_array()) {
        std::string_view name = op["op"].get_string().value();
        if (name == "test") continue;
        if (!e.ops.empty()) e.ops += " ";
        e.ops += std::string(name) + " " + std::string(op["path"].get_string().value());
      }
      e.patch = simdjson::minify(p["patch"]);
      if (!e.ops.empty()) out.push_back(e);  // a patch of test guards alone changes nothing
    }
  }
  return out;
}

std::vector<Value> documents(const std::string& path) {
  std::string text = read_text(path);
  std::vector<Value> docs;
  if (fix::looks_like_json(text)) {
    decode::JsonValueBuilder b;
    Value v;
    std::string error;
    uint64_t at = 0;
    if (b.parse(text, 0, v, error, at, decode::FieldScope::Other)) docs.push_back(std::move(v));
    return docs;
  }
  decode::YamlReadOptions o;
  o.skip_unread_fields = false;
  decode::read_yaml(
      text, 0, path, [&](Value&& v, const decode::DocumentContext&) { docs.push_back(std::move(v)); }, o);
  return docs;
}

const Value* find_object(const Value& v, const std::string& object) {
  if (!v.is_object()) return nullptr;
  const Value* kind = v.get("kind");
  const Value* name = v.at({"metadata", "name"});
  const Value* ns = v.at({"metadata", "namespace"});
  if (kind && name) {
    std::string id = kind->text() + "/" + (ns ? ns->text() : "") + "/" + name->text();
    size_t first = object.find('/'), last = object.rfind('/');
    std::string want_ns = object.substr(first + 1, last - first - 1);
    if (kind->text() == object.substr(0, first) && name->text() == object.substr(last + 1) &&
        (!ns || ns->text() == want_ns))
      return &v;
  }
  if (const Value* items = v.get("items"); items && items->is_array()) {
    for (const Value& item : items->items()) {
      if (const Value* found = find_object(item, object)) return found;
    }
  }
  return nullptr;
}

const Value* find_in(const std::vector<Value>& docs, const std::string& object) {
  for (const Value& d : docs) {
    if (const Value* v = find_object(d, object)) return v;
  }
  return nullptr;
}

// kubectl's answer: the object after the patches, applied one by one; a
// patch whose guard fails after an earlier one (the same change asked
// twice) is skipped, as the script and --write skip it.
bool kubectl_patched(const Value& object, const std::vector<std::string>& patches, const std::string& scratch,
                     Value& out) {
  std::ofstream(scratch + "/object.json") << to_json(object);
  for (const std::string& p : patches) {
    std::string cmd = "kubectl patch --local -f " + scratch + "/object.json --type=json -p " + shell_arg(p) +
                      " -o json > " + scratch + "/patched.json 2>" + scratch + "/kubectl.err";
    if (std::system(cmd.c_str()) != 0) {
      if (read_text(scratch + "/kubectl.err").find("test") != std::string::npos) continue;
      ADD_FAILURE() << read_text(scratch + "/kubectl.err") << "\npatch: " << p;
      return false;
    }
    fs::rename(scratch + "/patched.json", scratch + "/object.json");
  }
  out = documents(scratch + "/object.json").at(0);
  return true;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::stringstream ss(text);
  std::string l;
  while (std::getline(ss, l)) out.push_back(l);
  return out;
}

// The lines of `before` the edit removed or replaced (the `-` lines of the unified diff).
std::vector<std::string> lost_lines(const std::string& before, const std::string& after) {
  std::vector<std::string> lost;
  for (const std::string& l : lines_of(fix::unified_diff("f", before, after))) {
    if (l.starts_with("-") && !l.starts_with("--- ")) lost.push_back(l.substr(1));
  }
  return lost;
}

std::map<std::string, std::string> snapshot_tree(const std::string& dir) {
  std::map<std::string, std::string> out;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (e.is_regular_file()) out[fs::relative(e.path(), dir).string()] = read_text(e.path().string());
  }
  return out;
}

struct Tree {
  std::string prefix;  // "upstream/" or "examples/"
  std::string path;
};

std::vector<Tree> trees() {
  std::vector<Tree> out;
  for (auto [prefix, root] :
       {std::pair<std::string, std::string>{"upstream/", source_dir() + "/../shared/fixtures/upstream"},
        {"examples/", source_dir() + "/examples"}}) {
    for (const auto& e : fs::directory_iterator(root)) {
      if (e.is_directory()) out.push_back({prefix, e.path().string()});
    }
  }
  std::sort(out.begin(), out.end(), [](const Tree& a, const Tree& b) { return a.path < b.path; });
  return out;
}

TEST(FixCommand, WriteMakesExactlyTheExpectedEditsOnEveryFixtureAndKeepsEveryOtherByte) {
  if (std::system("command -v kubectl >/dev/null 2>&1") != 0) GTEST_SKIP() << "kubectl not installed";
  if (!fs::exists(source_dir() + "/../shared/fixtures/upstream")) GTEST_SKIP() << "shared fixtures not present";
  std::string scratch = "/tmp/hybridctl-fix-command-" + std::to_string(getpid());
  fs::remove_all(scratch);
  std::vector<Edit> expected = expected_edits();
  ASSERT_GT(expected.size(), 50u);
  std::vector<Edit> seen_all;
  for (const Tree& tree : trees()) {
    SCOPED_TRACE(tree.path);
    std::string copy = scratch + "/" + tree.prefix + fs::path(tree.path).filename().string();
    fs::create_directories(copy);
    fs::copy(tree.path, copy, fs::copy_options::recursive);
    std::vector<std::string> audit = {"audit", copy, "-o", "json"};
    audit.insert(audit.end(), kProfile.begin(), kProfile.end());
    std::vector<Edit> offered = offered_edits(run_cli(audit).out, copy, tree.prefix);
    // Rows whose outcome starts with "after:" are offered only once the first write is done.
    auto match = [&](Edit& e, bool after_first_write) {
      for (const Edit& x : expected) {
        if (x.key() == e.key() && x.outcome.starts_with("after: ") == after_first_write) {
          e.outcome = after_first_write ? x.outcome.substr(7) : x.outcome;
          seen_all.push_back(x);
        }
      }
    };
    for (Edit& e : offered) {
      match(e, false);
      EXPECT_FALSE(e.outcome.empty()) << "unexpected edit: " << e.file << " " << e.rule << " " << e.object << " "
                                      << e.ops;
    }
    std::map<std::string, std::string> before = snapshot_tree(copy);
    std::vector<std::string> fix = {"fix", copy, "--write"};
    fix.insert(fix.end(), kProfile.begin(), kProfile.end());
    CliResult wrote = run_cli(fix);
    std::map<std::string, std::string> after = snapshot_tree(copy);

    // Per file: untouched unless an edit was written to it; then only the edited objects differ.
    std::map<std::string, std::vector<const Edit*>> by_file;
    for (const Edit& e : offered) {
      if (e.outcome == "write") by_file[e.file].push_back(&e);
    }
    for (const auto& [rel, text] : before) {
      std::string file = tree.prefix + fs::path(tree.path).filename().string() + "/" + rel;
      auto it = by_file.find(file);
      if (it == by_file.end()) {
        EXPECT_TRUE(after[rel] == text) << file << " changed without an expected edit";
        continue;
      }
      EXPECT_TRUE(after[rel] != text) << file << " was not rewritten\n" << wrote.err;
      // Lines lost are only those of values an operation removes or replaces.
      std::vector<std::string> removable;
      for (const Edit* e : it->second) {
        std::stringstream ops(e->ops);
        std::string op, path;
        while (ops >> op >> path) {
          if (op == "add") continue;
          // The value's own line, and its parent's when it held nothing else (`annotations: {}`).
          std::string parent = path.substr(0, path.rfind('/'));
          removable.push_back(path.substr(path.rfind('/') + 1));
          removable.push_back(parent.substr(parent.rfind('/') + 1) + ":");
        }
      }
      for (const std::string& l : lost_lines(text, after[rel])) {
        // JSON: the member before an added one gets its comma.
        bool explained = after[rel].find(l + ",\n") != std::string::npos;
        for (std::string key : removable) {
          size_t t = key.find("~1");
          if (t != std::string::npos) key.replace(t, 2, "/");
          explained = explained || l.find(key) != std::string::npos;
        }
        EXPECT_TRUE(explained) << file << ": line lost: " << l;
      }
      // Each rewritten object is kubectl's answer, and every other object is unchanged.
      std::vector<Value> old_docs = documents(copy + "/../" + fs::path(copy).filename().string() + "/" + rel);
      std::string original_path = tree.path + "/" + rel;
      std::vector<Value> original_docs = documents(original_path);
      std::vector<Value> new_docs = documents(copy + "/" + rel);
      std::map<std::string, std::vector<std::string>> patches_by_object;
      for (const Edit* e : it->second) patches_by_object[e->object].push_back(e->patch);
      for (const auto& [object, patches] : patches_by_object) {
        const Value* old_object = find_in(original_docs, object);
        const Value* new_object = find_in(new_docs, object);
        ASSERT_TRUE(old_object && new_object) << file << " " << object;
        Value want;
        fs::create_directories(scratch + "/kubectl");
        ASSERT_TRUE(kubectl_patched(*old_object, patches, scratch + "/kubectl", want));
        EXPECT_TRUE(fix::same_data(*new_object, want))
            << file << " " << object << "\nspliced: " << to_json(*new_object) << "\nkubectl: " << to_json(want);
      }
      (void)old_docs;
    }

    // Afterwards: no finding has a patch left but the refused ones and those the table lists as
    // offered after the first write (none of which writes); a second run changes nothing.
    for (Edit& e : offered_edits(run_cli(audit).out, copy, tree.prefix)) {
      bool refused_before = false;
      for (const Edit& o : offered)
        refused_before = refused_before || (o.key() == e.key() && o.outcome.starts_with("refuse"));
      if (refused_before) continue;
      match(e, true);
      EXPECT_FALSE(e.outcome.empty()) << "still fixable: " << e.file << " " << e.rule << " " << e.object << " "
                                      << e.ops;
      EXPECT_FALSE(e.outcome.starts_with("write"))
          << "offered only after the first write, and written by the second: " << e.file << " " << e.rule << " "
          << e.object;
    }
    run_cli(fix);
    EXPECT_TRUE(snapshot_tree(copy) == after) << "a second fix --write changed files";
  }
  // Every row of the table was offered.
  for (const Edit& x : expected) {
    bool offered = false;
    for (const Edit& e : seen_all) offered = offered || (e.key() == x.key() && e.outcome == x.outcome);
    EXPECT_TRUE(offered) << "expected but not offered: " << x.file << " " << x.rule << " " << x.object << " " << x.ops
                         << " (" << x.outcome << ")";
  }
  fs::remove_all(scratch);
}

}  // namespace fix_command_test
}  // namespace hybridctl::testing
