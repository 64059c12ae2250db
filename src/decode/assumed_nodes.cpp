#include "decode/assumed_nodes.h"

#include <charconv>
#include <sstream>

namespace hybridctl::decode {

namespace {
constexpr int kMaxAssumedNodes = 100000;
}  // namespace

std::string add_assumed_nodes(std::string_view spec, std::vector<model::Node>& nodes) {
  std::string item;
  std::istringstream in{std::string(spec)};
  int serial = 0;
  while (std::getline(in, item, ',')) {
    size_t colon = item.find(':'), eq = item.find('=');
    if (colon == std::string::npos || eq == std::string::npos || eq < colon) {
      return "--assume-nodes: expected ENV:ZONE=COUNT, got \"" + item + "\"";
    }
    std::string env = item.substr(0, colon), zone = item.substr(colon + 1, eq - colon - 1);
    std::string count_text = item.substr(eq + 1);
    int count = 0;
    auto [p, ec] = std::from_chars(count_text.data(), count_text.data() + count_text.size(), count);
    if (ec != std::errc() || p != count_text.data() + count_text.size() || count < 0 || count > 100000) {
      return "--assume-nodes: \"" + count_text + "\" is not a node count";
    }
    if (env != "cloud" && env != "hybrid") return "--assume-nodes: ENV must be cloud or hybrid, got \"" + env + "\"";
    if (zone.empty()) return "--assume-nodes: empty zone in \"" + item + "\"";
    // The per-item bound alone let "cloud:a=100000,cloud:b=100000,..." ask
    // for millions of nodes: the bound is on the whole flag.
    if (serial + count > kMaxAssumedNodes) {
      return "--assume-nodes: more than " + std::to_string(kMaxAssumedNodes) + " nodes in total";
    }
    for (int i = 0; i < count; ++i) {
      model::Node n;
      n.api_version = "v1";
      n.kind = "Node";
      n.meta.name = "assumed-" + env + "-" + zone + "-" + std::to_string(++serial);
      n.meta.labels.set(model::kHostnameLabel, n.meta.name);
      n.meta.labels.set("kubernetes.io/os", "linux");
      n.meta.labels.set("kubernetes.io/arch", "amd64");
      n.meta.labels.set(model::kZoneLabel, zone);
      if (env == "hybrid") {
        n.meta.labels.set(model::kComputeTypeLabel, "hybrid");
      } else if (zone.size() > 1) {
        n.meta.labels.set("topology.kubernetes.io/region", zone.substr(0, zone.size() - 1));
      }
      n.ready = true;
      n.allocatable_cpu_milli = 4000;
      n.allocatable_memory_bytes = 16LL << 30;
      n.allocatable_pods = 110;
      n.synthesized = true;
      nodes.push_back(std::move(n));
    }
  }
  return {};
}

}  // namespace hybridctl::decode
