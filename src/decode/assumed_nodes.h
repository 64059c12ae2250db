// `--assume-nodes cloud:us-west-2a=3,hybrid:onprem=2`: synthesised Ready
// nodes for audits of manifests that carry no Node objects.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "model/node.h"

namespace hybridctl::decode {

// Appends the nodes the spec describes; returns an error message, or empty.
std::string add_assumed_nodes(std::string_view spec, std::vector<model::Node>& nodes);

}  // namespace hybridctl::decode
