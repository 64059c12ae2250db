// Several clusters' audits in one document (`audit --live --context A
// --context B`): text sections, or {"version":..., "clusters":[{"context":
// NAME, ...report}]} for JSON (a cluster that could not be read has "error"
// instead of a report).
#pragma once

#include <string>
#include <vector>

namespace hybridctl::report {

struct ClusterReport {
  std::string name;
  std::string output;  // the rendered report, or "" when `error` is set
  std::string error;
  int exit_code = 0;
};

std::string render_clusters_text(const std::vector<ClusterReport>& reports);
// Each cluster's `output` must be its `-o json` report.
std::string render_clusters_json(const std::vector<ClusterReport>& reports);

}  // namespace hybridctl::report
