#include "core/json_writer.h"
#include "report/traffic_report.h"

namespace hybridctl::report {
namespace {

namespace traffic = analysis::traffic;

void write_hints(JsonWriter& w, const std::optional<model::EndpointHints>& h) {
  if (!h) {
    w.null();
    return;
  }
  w.begin_object();
  if (!h->for_zones.empty()) {
    w.key("forZones").begin_array();
    for (const auto& z : h->for_zones) w.string(z);
    w.end_array();
  }
  if (!h->for_nodes.empty()) {
    w.key("forNodes").begin_array();
    for (const auto& n : h->for_nodes) w.string(n);
    w.end_array();
  }
  w.end_object();
}

void write_route(JsonWriter& w, const traffic::Route& r) {
  w.begin_object();
  w.key("fromZone").string(r.from_zone);
  if (!r.from_node.empty()) w.key("fromNode").string(r.from_node);
  w.key("endpoints").begin_array();
  for (const auto& e : r.endpoints) w.string(e);
  w.end_array();
  w.key("toZones").begin_object();
  for (const auto& [zone, share] : r.to_zones) w.key(zone).number(share);
  w.end_object();
  w.end_object();
}

void write_share(JsonWriter& w, double cloud_to_hybrid, double hybrid_to_cloud) {
  w.begin_object();
  w.key("cloudToHybrid").number(cloud_to_hybrid);
  w.key("hybridToCloud").number(hybrid_to_cloud);
  w.end_object();
}

}  // namespace

std::string render_traffic_json(const TrafficReport& report) {
  JsonWriter w(2);
  w.begin_object().key("services").begin_array();
  for (const traffic::ServiceTraffic& st : report.services) {
    w.begin_object();
    w.key("namespace").string(st.service->meta.ns);
    w.key("name").string(st.service->meta.name);
    w.key("trafficDistribution");
    st.traffic_distribution.empty() ? w.null() : w.string(st.traffic_distribution);
    w.key("endpoints").begin_array();
    for (const traffic::EndpointView& e : st.endpoints) {
      w.begin_object();
      w.key("address").string(e.address);
      w.key("zone").string(e.zone);
      w.key("node").string(e.node);
      w.key("environment").string(model::environment_name(e.environment));
      w.key("ready").boolean(e.ready);
      w.key("hints");
      write_hints(w, e.observed_hints);
      w.key("expectedHints");
      write_hints(w, e.expected_hints);
      w.end_object();
    }
    w.end_array();
    w.key("expectedHintsAmbiguous").boolean(st.expected_hints_ambiguous);
    w.key("routes").begin_array();
    for (const traffic::Route& r : st.routes) write_route(w, r);
    w.end_array();
    w.key("crossEnvironmentShare");
    write_share(w, st.cloud_to_hybrid, st.hybrid_to_cloud);
    w.end_object();
  }
  w.end_array();
  // The cluster total (not in CLI.md's per-Service sketch): Services weighed equally, or by
  // --weights.
  w.key("crossEnvironmentShare");
  write_share(w, report.total.cloud_to_hybrid, report.total.hybrid_to_cloud);
  w.end_object();
  std::string out = w.take();
  out += '\n';
  return out;
}

}  // namespace hybridctl::report
