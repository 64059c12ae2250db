// Applies a finding's JSON patch the way a user would, with
// `kubectl patch --local` as the oracle for RFC 6902 semantics (including the
// `test` guards), so rule tests can check that the fix clears the finding
// and what a second application does.
#pragma once

#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "fix/render.h"
#include "rules/finding.h"

namespace hybridctl::testing {

inline bool kubectl_available() { return std::system("command -v kubectl >/dev/null 2>&1") == 0; }

struct PatchOutcome {
  bool applied = false;
  std::string yaml;   // the patched object, when applied
  std::string error;  // kubectl's stderr, when not
};

inline std::string slurp(const std::string& path) {
  std::ifstream f(path);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

// Applies `patch` to the single object in `object_yaml`.
inline PatchOutcome kubectl_patch_local(const std::string& object_yaml, const std::string& patch) {
  static int serial = 0;
  std::string base = "/tmp/hybridctl-rule-patch-" + std::to_string(getpid()) + "-" + std::to_string(serial++);
  std::ofstream(base + ".yaml") << object_yaml;
  std::string cmd = "kubectl patch --local -f " + base + ".yaml --type=json -p " + fix::shell_quote(patch) +
                    " -o yaml >" + base + ".out 2>" + base + ".err";
  PatchOutcome out;
  out.applied = std::system(cmd.c_str()) == 0;
  out.yaml = slurp(base + ".out");
  out.error = slurp(base + ".err");
  for (const char* ext : {".yaml", ".out", ".err"}) std::remove((base + ext).c_str());
  return out;
}

// The first JSON patch the finding's fix renders ("" when it has none).
inline std::string first_json_patch(const rules::Finding& f) {
  fix::RenderedFix r = fix::render(f);
  return r.patches.empty() ? "" : r.patches.front().patch;
}

}  // namespace hybridctl::testing
