#include "report/clusters_report.h"

#include "core/json_writer.h"

namespace hybridctl::report {

std::string render_clusters_json(const std::vector<ClusterReport>& reports) {
  JsonWriter w;
  w.begin_object().key("version").string(std::string("hybridctl ") + HYBRIDCTL_VERSION).key("clusters").begin_array();
  for (const ClusterReport& r : reports) {
    if (!r.error.empty()) {
      w.begin_object().key("context").string(r.name).key("error").string(r.error).end_object();
      continue;
    }
    // Each cluster's element is its whole report with the context first.
    size_t open = r.output.find('{');
    JsonWriter name;
    name.string(r.name);
    w.raw("{\"context\":" + name.take() + "," + r.output.substr(open + 1));
  }
  w.end_array().end_object();
  return w.take() + "\n";
}

std::string render_clusters_text(const std::vector<ClusterReport>& reports) {
  std::string out;
  for (const ClusterReport& r : reports) {
    out += "=== cluster " + r.name + " ===\n";
    out += r.error.empty() ? r.output : "error: " + r.error + "\n";
    out += "\n";
  }
  out += "clusters:";
  for (const ClusterReport& r : reports) {
    out += " " + r.name + " " +
           (r.exit_code == 0   ? "passed"
            : r.exit_code == 1 ? "has findings"
                               : "could not be read completely") +
           ";";
  }
  out.back() = '\n';
  return out;
}

}  // namespace hybridctl::report
