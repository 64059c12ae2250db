#include <fmt/format.h>

#include <sstream>

#include "report/traffic_report.h"

namespace hybridctl::report {
namespace {

namespace traffic = analysis::traffic;

std::string hints_text(const std::optional<model::EndpointHints>& h) {
  if (!h) return "none";
  std::string out;
  if (!h->for_zones.empty()) out += "zones=" + fmt::format("{}", fmt::join(h->for_zones, ","));
  if (!h->for_nodes.empty()) out += (out.empty() ? "" : " ") + fmt::format("nodes={}", fmt::join(h->for_nodes, ","));
  return out.empty() ? "empty" : out;
}

const char* mechanism_text(traffic::HintsMechanism m) {
  switch (m) {
    case traffic::HintsMechanism::None:
      return "none";
    case traffic::HintsMechanism::TrafficDistribution:
      return "trafficDistribution";
    case traffic::HintsMechanism::TopologyAuto:
      return "topology-mode Auto";
  }
  return "?";
}

}  // namespace

std::string render_traffic_text(const TrafficReport& report) {
  std::ostringstream out;
  for (const traffic::ServiceTraffic& st : report.services) {
    out << st.service->meta.ns << '/' << st.service->meta.name
        << "  trafficDistribution: " << (st.traffic_distribution.empty() ? "-" : st.traffic_distribution)
        << "  hints by: " << mechanism_text(st.mechanism);
    if (!st.hints_removed_reason.empty()) out << " (none set: " << st.hints_removed_reason << ")";
    if (st.expected_hints_ambiguous) out << " (one of several valid allocations)";
    out << "\n  endpoints" << (st.endpoints_from_slices ? " (EndpointSlices):" : " (from pods):") << "\n";
    for (const traffic::EndpointView& e : st.endpoints) {
      out << fmt::format("    {:<16} {:<14} {:<6} {:<6} node {}  hints {}  expected {}\n", e.address,
                         e.zone.empty() ? "(no zone)" : e.zone, model::environment_name(e.environment),
                         e.ready ? "ready" : "-", e.node.empty() ? "-" : e.node, hints_text(e.observed_hints),
                         hints_text(e.expected_hints));
    }
    out << "  routes:\n";
    for (const traffic::Route& r : st.routes) {
      out << "    from " << (r.from_zone.empty() ? "(no zone)" : r.from_zone);
      if (!r.from_node.empty()) out << " node " << r.from_node;
      out << ": ";
      if (r.endpoints.empty()) out << "(none)";
      std::vector<std::string> zones;
      zones.reserve(r.to_zones.size());
      for (const auto& [z, s] : r.to_zones) zones.push_back(fmt::format("{} {:.2f}", z.empty() ? "(no zone)" : z, s));
      out << fmt::format("{}", fmt::join(r.endpoints, ", "));
      if (!zones.empty()) out << " -> " << fmt::format("{}", fmt::join(zones, ", "));
      out << "  [" << r.why << "]\n";
    }
    out << fmt::format("  cross-environment: cloud->hybrid {:.2f}, hybrid->cloud {:.2f}\n\n", st.cloud_to_hybrid,
                       st.hybrid_to_cloud);
  }
  out << fmt::format("cluster ({} Services, {}): cloud->hybrid {:.2f}, hybrid->cloud {:.2f}\n", report.services.size(),
                     report.weighted ? "weighted by --weights" : "weighted equally", report.total.cloud_to_hybrid,
                     report.total.hybrid_to_cloud);
  return out.str();
}

}  // namespace hybridctl::report
