// JSON Pointer (RFC 6901), as JSON patches address members.
#pragma once

#include <string>
#include <string_view>

namespace hybridctl::fix {

// One reference token: "~" and "/" in a member name are written "~0" and
// "~1" (an annotation key such as "service.kubernetes.io/topology-mode").
std::string json_pointer_token(std::string_view name);

}  // namespace hybridctl::fix
