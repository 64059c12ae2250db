#include "rules/registry.h"

#include <algorithm>
#include <cctype>

namespace hybridctl::rules {
namespace {

std::vector<std::unique_ptr<Rule>> make_all() {
  std::vector<std::unique_ptr<Rule>> rules;
  rules.push_back(make_hn001_backend_unreachable());
  rules.push_back(make_hn002_backend_may_land_on_hybrid());
  rules.push_back(make_hn003_cni_placement());
  rules.push_back(make_hn004_east_west_unroutable());
  rules.push_back(make_hn005_coredns_coverage());
  rules.push_back(make_hn006_hybrid_node_zone_label());
  rules.push_back(make_hn007_service_traffic_distribution());
  rules.push_back(make_hn008_cilium_service_topology());
  rules.push_back(make_hn009_endpointslice_hints());
  rules.push_back(make_hn010_load_balancer_targets());
  rules.push_back(make_hn011_managed_scraper_unroutable());
  rules.push_back(make_hn012_addon_placement());
  rules.push_back(make_hn013_adot_collector_placement());
  rules.push_back(make_hn014_topology_aware_routing());
  rules.push_back(make_hn015_routability_unknown());
  rules.push_back(make_hn016_pod_pool_outside_remote_network());
  rules.push_back(make_hn017_node_ip_outside_remote_network());
  std::sort(rules.begin(), rules.end(), [](const auto& a, const auto& b) { return a->info().id < b->info().id; });
  return rules;
}

}  // namespace

const std::vector<const Rule*>& all_rules() {
  static const std::vector<std::unique_ptr<Rule>> owned = make_all();
  static const std::vector<const Rule*> view = [] {
    std::vector<const Rule*> v;
    v.reserve(owned.size());
    for (const auto& r : owned) v.push_back(r.get());
    return v;
  }();
  return view;
}

bool same_rule_id(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::toupper(static_cast<unsigned char>(x)) == std::toupper(static_cast<unsigned char>(y));
         });
}

const Rule* find_rule(std::string_view id) {
  for (const Rule* r : all_rules()) {
    if (same_rule_id(r->info().id, id)) return r;
  }
  return nullptr;
}

}  // namespace hybridctl::rules
