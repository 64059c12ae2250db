// Runs one plugin of the default profile for one pod against every node of a
// snapshot, the way upstream's plugin unit tests call Filter and then
// Score + NormalizeScore on a fixed node list. Used by the conformance tests
// re-expressed from those unit tests.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/snapshot.h"

namespace hybridctl::analysis::placement {

struct PluginProbe {
  bool known_plugin = false;
  std::vector<std::string> feasible;  // nodes passing the plugin's filter, by name
  // Normalised score per node, every node being a candidate (0 everywhere
  // when the plugin skips the pod); empty for filter-only plugins.
  std::map<std::string, int64_t> scores;
  bool score_error = false;  // PreScore/Score would fail the cycle
};

// Pods of the snapshot with spec.nodeName are bound first.
PluginProbe probe_plugin(const model::Snapshot& snapshot, const model::Pod& incoming, std::string_view plugin);

}  // namespace hybridctl::analysis::placement
