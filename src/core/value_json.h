// Writes a Value as JSON through a JsonWriter, so callers choose the layout
// (compact for patches, indented for values files). Its own header: value.h
// is included everywhere and needs no writer.
#pragma once

#include "core/json_writer.h"
#include "core/value.h"

namespace hybridctl {

void write_value_json(JsonWriter& w, const Value& v);

}  // namespace hybridctl
