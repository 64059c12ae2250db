// The JSON patch that makes an OpenTelemetryCollector follow the source
// document: pinned to hybrid nodes, and every kubernetes_sd scrape config
// keeping only hybrid targets (with attach_metadata.node where pod and
// endpoints discovery would otherwise carry no node labels).
#pragma once

#include <string>

#include "analysis/otel_scrape.h"
#include "model/cluster_objects.h"

namespace hybridctl::fix {

// The relabel rule of the source document.
Value hybrid_keep_rule();

// RFC 6902 operations as a JSON array. `pin` adds compute-type In [hybrid]
// to spec.affinity (every nodeSelectorTerm). When spec.config is a string,
// it is replaced (behind a `test` of the old string) by the rewritten
// configuration serialised as JSON, which is YAML too.
std::string otel_collector_patch(const model::OpenTelemetryCollector& collector,
                                 const analysis::CollectorScrapes& scrapes, bool pin);

}  // namespace hybridctl::fix
