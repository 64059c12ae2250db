// What a load records besides the objects.
#pragma once

namespace hybridctl::decode {

struct LoadOptions {
  // The field-position table (model/field_positions.h): where each field a
  // fix can target was read. Only `fix` reads it, to name a field's line and
  // to splice manifest files; recording it costs every object's decode.
  bool field_positions = false;
};

}  // namespace hybridctl::decode
