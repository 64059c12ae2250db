#include "decode/assumed_nodes.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <sstream>

namespace hybridctl::decode {

namespace {

constexpr int kMaxAssumedNodes = 100000;

struct AssumedGroup {
  std::string env, zone;
  int count = 0;
  std::vector<model::Taint> taints;
  std::vector<std::pair<std::string, std::string>> labels;
};

std::vector<std::string> split(const std::string& text, char sep) {
  std::vector<std::string> out;
  std::string part;
  std::istringstream in(text);
  while (std::getline(in, part, sep)) out.push_back(part);
  if (!text.empty() && text.back() == sep) out.emplace_back();
  return out;
}

// The options after COUNT: `taint=KEY[=VALUE]:EFFECT` spans two ':'-separated parts.
std::string parse_options(const std::vector<std::string>& parts, size_t from, const std::string& item,
                          AssumedGroup& g) {
  for (size_t i = from; i < parts.size(); ++i) {
    const std::string& p = parts[i];
    if (p.starts_with("taint=")) {
      std::string kv = p.substr(6);
      if (kv.empty() || i + 1 >= parts.size()) {
        return "--assume-nodes: expected taint=KEY[=VALUE]:EFFECT in \"" + item + "\"";
      }
      const std::string& effect = parts[++i];
      if (effect != "NoSchedule" && effect != "PreferNoSchedule" && effect != "NoExecute") {
        return "--assume-nodes: taint effect must be NoSchedule, PreferNoSchedule or NoExecute, got \"" + effect + "\"";
      }
      size_t eq = kv.find('=');
      model::Taint t;
      t.key = kv.substr(0, eq);
      if (eq != std::string::npos) t.value = kv.substr(eq + 1);
      t.effect = effect;
      if (t.key.empty()) return "--assume-nodes: empty taint key in \"" + item + "\"";
      g.taints.push_back(std::move(t));
    } else if (p.starts_with("label=")) {
      std::string kv = p.substr(6);
      size_t eq = kv.find('=');
      if (eq == std::string::npos || eq == 0) return "--assume-nodes: expected label=KEY=VALUE in \"" + item + "\"";
      g.labels.emplace_back(kv.substr(0, eq), kv.substr(eq + 1));
    } else {
      return "--assume-nodes: unknown option \"" + p + "\" in \"" + item +
             "\" (expected taint=KEY[=VALUE]:EFFECT or label=KEY=VALUE)";
    }
  }
  return {};
}

std::string parse_item(const std::string& item, AssumedGroup& g) {
  size_t colon = item.find(':'), eq = item.find('=');
  if (colon == std::string::npos || eq == std::string::npos || eq < colon) {
    return "--assume-nodes: expected ENV:ZONE=COUNT, got \"" + item + "\"";
  }
  g.env = item.substr(0, colon);
  g.zone = item.substr(colon + 1, eq - colon - 1);
  std::vector<std::string> parts = split(item.substr(eq + 1), ':');
  const std::string count_text = parts.empty() ? "" : parts[0];
  auto [p, ec] = std::from_chars(count_text.data(), count_text.data() + count_text.size(), g.count);
  if (ec != std::errc() || p != count_text.data() + count_text.size() || g.count < 0 || g.count > kMaxAssumedNodes) {
    return "--assume-nodes: \"" + count_text + "\" is not a node count";
  }
  if (g.env != "cloud" && g.env != "hybrid") {
    return "--assume-nodes: ENV must be cloud or hybrid, got \"" + g.env + "\"";
  }
  return parse_options(parts, 1, item, g);
}

model::Node assumed_node(const AssumedGroup& g, int serial) {
  model::Node n;
  n.api_version = "v1";
  n.kind = "Node";
  n.meta.name = "assumed-" + g.env + "-" + (g.zone.empty() ? "" : g.zone + "-") + std::to_string(serial);
  n.meta.labels.set(model::kHostnameLabel, n.meta.name);
  n.meta.labels.set("kubernetes.io/os", "linux");
  n.meta.labels.set("kubernetes.io/arch", "amd64");
  if (!g.zone.empty()) n.meta.labels.set(model::kZoneLabel, g.zone);
  if (g.env == "hybrid") {
    n.meta.labels.set(model::kComputeTypeLabel, "hybrid");
  } else if (g.zone.size() > 1) {
    n.meta.labels.set("topology.kubernetes.io/region", g.zone.substr(0, g.zone.size() - 1));
  }
  for (const auto& [k, v] : g.labels) n.meta.labels.set(k, v);
  n.taints = g.taints;
  n.ready = true;
  n.allocatable_cpu_milli = 4000;
  n.allocatable_memory_bytes = 16LL << 30;
  n.allocatable_pods = 110;
  n.synthesized = true;
  return n;
}

}  // namespace

std::string add_assumed_nodes(std::string_view spec, std::vector<model::Node>& nodes) {
  std::string text(spec);
  std::erase_if(text, [](char c) { return std::isspace(static_cast<unsigned char>(c)); });
  int serial = 0;
  for (const std::string& item : split(text, ',')) {
    if (item.empty()) continue;  // "a=1,,b=2" and a trailing comma: nothing between
    AssumedGroup g;
    if (std::string err = parse_item(item, g); !err.empty()) return err;
    // The per-item bound alone let "cloud:a=100000,cloud:b=100000,..." ask
    // for millions of nodes: the bound is on the whole flag.
    if (serial + g.count > kMaxAssumedNodes) {
      return "--assume-nodes: more than " + std::to_string(kMaxAssumedNodes) + " nodes in total";
    }
    for (int i = 0; i < g.count; ++i) nodes.push_back(assumed_node(g, ++serial));
  }
  return {};
}

std::string add_assumed_nodes(const std::vector<std::string>& specs, std::vector<model::Node>& nodes) {
  std::string joined;
  for (const std::string& s : specs) joined += (joined.empty() ? "" : ",") + s;
  return add_assumed_nodes(joined, nodes);
}

}  // namespace hybridctl::decode
