// Reads an OpenTelemetryCollector's spec.config (a mapping, or a string of
// YAML as v1alpha1 writes it) once, into the typed scrape configs the
// analysis judges. It never fails the file: the configuration is the
// collector's, free-form, and a part that is not what Prometheus expects
// simply says nothing.
#pragma once

#include "core/value.h"
#include "model/collector_scrape_configs.h"

namespace hybridctl::decode {

// `config` is spec.config, nullptr when absent.
model::CollectorScrapeConfigs decode_collector_config(const Value* config);

}  // namespace hybridctl::decode
