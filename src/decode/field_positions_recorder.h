// Fills model::FieldPositions as objects are decoded: for the kinds a fix
// intent targets, the members it edits, when present in the document, and
// the containers an `add` goes into when they are absent (fix_intent.h):
//   workloads   /metadata, /spec, the replica count (replicas, or parallelism
//               of a Job/CronJob), the pod template and its spec, and the
//               spec's affinity, nodeSelector and topologySpreadConstraints
//               (under /spec/jobTemplate/spec for a CronJob)
//   Service     /metadata, /metadata/annotations and each annotation, /spec,
//               /spec/trafficDistribution
//   ConfigMap   /metadata, /data and each key the model keeps
//   Node        /metadata, /metadata/labels and each label
//   OpenTelemetryCollector  /metadata, /spec, /spec/config, /spec/affinity,
//               /spec/nodeSelector
// Other kinds (pods included: fixes target their controller) record nothing.
#pragma once

#include "core/value.h"
#include "decode/document_sink.h"
#include "model/field_positions.h"
#include "model/object_meta.h"

namespace hybridctl::decode {

// `obj` is the object's document node, read at `origin`. Offsets are located in ascending order after the object's own,
// so the line counter keeps scanning forward.
void record_field_positions(const Value& obj, std::string_view kind, const model::Origin& origin,
                            const DocumentContext& ctx, model::FieldPositions& into);

}  // namespace hybridctl::decode
