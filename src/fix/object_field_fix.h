// Guarded JSON patch operations for single fields of an object: a Service's
// trafficDistribution, an annotation to remove, a ConfigMap key. Each tests
// the value it was computed from, so a stale or second application fails
// (or rewrites the same value) instead of replacing what the user set since.
#pragma once

#include "core/json_writer.h"
#include "fix/fix_intent.h"

namespace hybridctl::fix {

// `w` is inside the patch's array. Nothing is written when the field already
// holds the wanted value.
void write_traffic_distribution_ops(JsonWriter& w, const SetTrafficDistribution& intent);
void write_remove_annotation_ops(JsonWriter& w, const RemoveAnnotation& intent);
void write_config_key_ops(JsonWriter& w, const SetConfigKey& intent);

}  // namespace hybridctl::fix
