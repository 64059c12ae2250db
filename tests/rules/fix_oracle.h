// kubectl patch --local as the oracle of JSON patch semantics (test guards
// included), for rule tests that apply a fix and audit again.
#pragma once

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace hybridctl::testing {

struct PatchResult {
  bool ok = false;
  std::string yaml;   // the patched object
  std::string error;  // kubectl's stderr when it refused
};

inline bool kubectl_available() { return std::system("command -v kubectl >/dev/null 2>&1") == 0; }

inline std::string slurp(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

// Applies an RFC 6902 patch to one object given as YAML.
inline PatchResult kubectl_patch_local(const std::string& object_yaml, const std::string& json_patch) {
  static int serial = 0;
  std::string dir = "/tmp/hybridctl-oracle-" + std::to_string(getpid()) + "-" + std::to_string(serial++);
  std::filesystem::create_directories(dir);
  std::ofstream(dir + "/object.yaml") << object_yaml;
  std::ofstream(dir + "/patch.json") << json_patch;
  std::string cmd = "kubectl patch --local -f " + dir + "/object.yaml --type=json --patch-file " + dir +
                    "/patch.json -o yaml > " + dir + "/out.yaml 2> " + dir + "/err.txt";
  PatchResult r;
  r.ok = std::system(cmd.c_str()) == 0;
  r.yaml = slurp(dir + "/out.yaml");
  r.error = slurp(dir + "/err.txt");
  std::filesystem::remove_all(dir);
  return r;
}

}  // namespace hybridctl::testing
