// JSON Pointer (RFC 6901) tokens, as JSON patches address members and as the
// field-position table names the fields it records.
#pragma once

#include <string>
#include <string_view>

namespace hybridctl {

// One reference token: "~" and "/" in a member name are written "~0" and
// "~1" (an annotation key such as "service.kubernetes.io/topology-mode").
std::string json_pointer_token(std::string_view name);

// The member name a token stands for ("~1" → "/", "~0" → "~").
std::string json_pointer_name(std::string_view token);

}  // namespace hybridctl
