// What-ifs (CLI.md): `--add-nodes ENV:ZONE=N[/POD_CIDR]` (repeatable) and
// `--drain zone=Z|node=N|env=hybrid`, applied to a copy of a snapshot so that
// `simulate` and `audit` run unchanged on the result.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "model/snapshot.h"

namespace hybridctl::analysis::placement {

struct AddNodes {
  model::Environment environment = model::Environment::Cloud;
  std::string zone;
  int count = 0;
  std::string pod_cidr;  // optional: given to every added node
};

struct Drain {
  enum class By : uint8_t { Zone, Node, Environment };
  By by = By::Node;
  std::string value;  // zone name, node name, or cloud|hybrid
};

struct WhatIfs {
  std::vector<AddNodes> add_nodes;
  std::vector<Drain> drains;
  bool empty() const { return add_nodes.empty() && drains.empty(); }
};

// Each returns an error message, or "" when the spec was added to `out`.
std::string parse_add_nodes(std::string_view spec, WhatIfs& out);
std::string parse_drain(std::string_view spec, WhatIfs& out);

// A copy of `snapshot` with the nodes added (Ready, 4 CPU / 16 GiB / 110 pods
// like --assume-nodes, named whatif-ENV-ZONE-N), and drained nodes cordoned
// (spec.unschedulable) with their pods evicted: pods owned by a workload are
// dropped (its controller recreates them, which the simulation then places),
// DaemonSet pods stay (they tolerate the cordon), bare pods are deleted (as
// `kubectl drain --force` does). Indexes are rebuilt.
model::Snapshot apply_what_ifs(const model::Snapshot& snapshot, const WhatIfs& what_ifs);

// A copy of `snapshot` as HN006's fix leaves it: every hybrid node without a
// zone label labelled `zone`, so that a zone spread can count on it.
model::Snapshot with_hybrid_zones(const model::Snapshot& snapshot, const std::string& zone);

}  // namespace hybridctl::analysis::placement
