// What the API server serves: its version (/version) and its group
// versions (/api, /apis), so that the resources of absent API groups (no
// Cilium, no OpenTelemetry operator) are skipped without a request.
#pragma once

#include <set>
#include <string>

#include "net/http_client.h"

namespace hybridctl::live {

struct Discovery {
  std::string git_version;       // "v1.31.4-eks-2d5f260"
  std::set<std::string> served;  // "v1" (core), "apps/v1", "cilium.io/v2alpha1", ...
  bool served_version(const std::string& group, const std::string& version) const {
    return served.count(group.empty() ? version : group + "/" + version) > 0;
  }
};

// Reads /version, /api and /apis; false with `error` when any fails.
bool discover(net::HttpClient& client, Discovery& out, std::string& error);

// "v1.31.4-eks-2d5f260" -> "1.31" ("" if not a version).
std::string major_minor(const std::string& git_version);

}  // namespace hybridctl::live
