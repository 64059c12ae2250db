// Calico's selector expressions (IPPool.spec.nodeSelector, BGPPeer
// spec.nodeSelector): all(), has(k), !has(k), k == 'v', k != 'v',
// k in {'a','b'}, k not in {...}, &&, ||, !, parentheses.
#pragma once

#include <optional>
#include <string_view>

#include "core/string_map.h"

namespace hybridctl::k8s {

// nullopt when the expression cannot be parsed; an empty expression selects every node.
std::optional<bool> calico_selector_matches(std::string_view expression, const StringMap& labels);

}  // namespace hybridctl::k8s
