// Decoders for the scheduling parts of a pod spec, shared by Pods, every
// workload's template and the OpenTelemetryCollector.
#pragma once

#include "core/value.h"
#include "model/scheduling.h"
#include "model/workloads.h"

namespace hybridctl::decode {

model::LabelSelector decode_label_selector(const Value* v, std::string_view field);
model::NodeSelector decode_node_selector(const Value* v, std::string_view field);
model::Affinity decode_affinity(const Value& v);
std::vector<model::Toleration> decode_tolerations(const Value* v);
std::vector<model::Taint> decode_taints(const Value* v);
model::PodSpec decode_pod_spec(const Value* spec);

// CPU "500m" / "2" → millicores; memory "128Mi" / "1G" → bytes. Invalid → nullopt.
std::optional<int64_t> parse_cpu_milli(std::string_view q);
std::optional<int64_t> parse_bytes(std::string_view q);

}  // namespace hybridctl::decode
