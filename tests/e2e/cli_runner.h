// Runs the hybridctl binary the way a user does and captures what it prints.
#pragma once

#include <simdjson.h>
#include <sys/wait.h>

#include <cstdio>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "test_paths.h"

namespace hybridctl::testing {

struct CliResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

inline std::string read_text(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

inline std::string shell_arg(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// `stdin_file` (optional) is fed to standard input.
inline CliResult run_cli(const std::vector<std::string>& args, const std::string& stdin_file = "") {
  static int serial = 0;
  std::string base = "/tmp/hybridctl-test-" + std::to_string(getpid()) + "-" + std::to_string(serial++);
  std::string cmd = shell_arg(HYBRIDCTL_BINARY);
  for (const auto& a : args) cmd += " " + shell_arg(a);
  cmd += " >" + base + ".out 2>" + base + ".err";
  cmd += stdin_file.empty() ? " </dev/null" : " <" + shell_arg(stdin_file);
  int status = std::system(cmd.c_str());
  CliResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = read_text(base + ".out");
  r.err = read_text(base + ".err");
  std::remove((base + ".out").c_str());
  std::remove((base + ".err").c_str());
  return r;
}

using FindingKey = std::tuple<std::string, std::string, std::string, std::string, std::string>;

// (rule, severity, kind, namespace or "-", name) of every finding in `audit -o json` output.
inline std::set<FindingKey> finding_keys(const std::string& json) {
  std::set<FindingKey> out;
  simdjson::dom::parser parser;
  simdjson::dom::element doc = parser.parse(json);
  for (simdjson::dom::element f : doc["findings"].get_array()) {
    std::string ns = "-";
    simdjson::dom::element obj = f["object"];
    std::string_view ns_view;
    if (obj["namespace"].get(ns_view) == simdjson::SUCCESS) ns = std::string(ns_view);
    out.emplace(std::string(f["rule"].get_string().value()), std::string(f["severity"].get_string().value()),
                std::string(obj["kind"].get_string().value()), ns, std::string(obj["name"].get_string().value()));
  }
  return out;
}

inline std::string source_dir() { return HYBRIDCTL_SOURCE_DIR; }

}  // namespace hybridctl::testing
