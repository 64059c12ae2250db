// The JSON patch that makes an OpenTelemetryCollector's kubernetes_sd scrape
// configs keep only hybrid targets, as the source document does (with
// attach_metadata.node where pod and endpoints discovery would otherwise
// carry no node labels).
#pragma once

#include <string>

#include "analysis/otel_scrape.h"

namespace hybridctl::fix {

// The relabel rule of the source document.
Value hybrid_keep_rule();

// RFC 6902 operations (a JSON array) that add the keep rule (and
// attach_metadata.node) to every scrape config lacking it. When spec.config
// is a string, it is replaced (behind a `test` of the old string) by the
// rewritten configuration serialised as JSON, which is YAML too. Pinning the
// collector is a RequireNodeAffinity of its own.
std::string scrape_keep_rule_patch(const analysis::CollectorScrapes& scrapes);

}  // namespace hybridctl::fix
