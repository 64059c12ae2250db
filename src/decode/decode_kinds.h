// One decoder per kind the model holds; everything else is kept as an
// UnknownObject (identity and position only).
#pragma once

#include "core/value.h"
#include "decode/document_sink.h"
#include "model/snapshot.h"

namespace hybridctl::decode {

model::ObjectBase decode_base(const Value& obj, const std::string& kind, const DocumentContext& ctx);
// Decodes `obj` (whose identity is `base`) into the matching vector of `into`.
void decode_kind(const Value& obj, model::ObjectBase base, model::Snapshot& into);
model::ClusterInfo decode_cluster_info(const Value& cluster, const DocumentContext& ctx);
// ConfigMap keys a rule reads; all other data is dropped at decode time.
bool is_read_config_key(std::string_view key);

}  // namespace hybridctl::decode
