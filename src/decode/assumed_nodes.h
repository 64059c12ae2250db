// `--assume-nodes SPEC` (repeatable): synthesised Ready nodes for audits of
// manifests that carry no Node objects. The grammar (README "--assume-nodes"):
//
//   SPEC   := ITEM (',' ITEM)*            whitespace anywhere is ignored
//   ITEM   := ENV ':' [ZONE] '=' COUNT (':' OPTION)*
//   ENV    := cloud | hybrid
//   ZONE   := the topology.kubernetes.io/zone label; empty: nodes without one
//   OPTION := taint=KEY[=VALUE]:EFFECT   (EFFECT: NoSchedule|PreferNoSchedule|NoExecute)
//           | label=KEY=VALUE
//
// e.g. `cloud:us-west-2a=3,hybrid:onprem=2`, `hybrid:=2` (two unzoned hybrid
// nodes), `hybrid:onprem=2:taint=site=onprem:NoSchedule`.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "model/node.h"

namespace hybridctl::decode {

// Appends the nodes the spec describes; returns an error message, or empty.
std::string add_assumed_nodes(std::string_view spec, std::vector<model::Node>& nodes);
// Every occurrence of the flag, as one spec (at most 100,000 nodes in all).
std::string add_assumed_nodes(const std::vector<std::string>& specs, std::vector<model::Node>& nodes);

}  // namespace hybridctl::decode
