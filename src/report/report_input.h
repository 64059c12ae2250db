// Everything a renderer needs; renderers decide nothing.
#pragma once

#include "analysis/analyses.h"
#include "core/diagnostic.h"
#include "rules/engine.h"

namespace hybridctl::report {

struct ReportInput {
  const model::Snapshot& snapshot;
  analysis::Analyses& analyses;
  const rules::AuditResult& audit;
  const Diagnostics& diagnostics;
};

}  // namespace hybridctl::report
