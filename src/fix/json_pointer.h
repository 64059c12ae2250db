// JSON Pointer (RFC 6901), as JSON patches address members: the tokens are
// core's (the field-position table in model/ names fields the same way).
#pragma once

#include "core/json_pointer.h"

namespace hybridctl::fix {

using hybridctl::json_pointer_token;

}  // namespace hybridctl::fix
