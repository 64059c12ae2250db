// The rule catalogue. registry.cpp lists every rule once; `explain`,
// docs/rules.md and report metadata are generated from here.
#pragma once

#include <memory>
#include <string_view>
#include <vector>

#include "rules/rule.h"

namespace hybridctl::rules {

// All rules, sorted by id.
const std::vector<const Rule*>& all_rules();
// By id in any case ("hn001" finds HN001): users type ids in flags,
// annotations and `explain`.
const Rule* find_rule(std::string_view id);
bool same_rule_id(std::string_view a, std::string_view b);

// One factory per rule file.
std::unique_ptr<Rule> make_hn001_backend_unreachable();
std::unique_ptr<Rule> make_hn002_backend_may_land_on_hybrid();
std::unique_ptr<Rule> make_hn003_cni_placement();
std::unique_ptr<Rule> make_hn004_east_west_unroutable();
std::unique_ptr<Rule> make_hn005_coredns_coverage();
std::unique_ptr<Rule> make_hn006_hybrid_node_zone_label();
std::unique_ptr<Rule> make_hn007_service_traffic_distribution();
std::unique_ptr<Rule> make_hn008_cilium_service_topology();
std::unique_ptr<Rule> make_hn009_endpointslice_hints();
std::unique_ptr<Rule> make_hn010_load_balancer_targets();
std::unique_ptr<Rule> make_hn011_managed_scraper_unroutable();
std::unique_ptr<Rule> make_hn012_addon_placement();
std::unique_ptr<Rule> make_hn013_adot_collector_placement();
std::unique_ptr<Rule> make_hn014_topology_aware_routing();
std::unique_ptr<Rule> make_hn015_routability_unknown();
std::unique_ptr<Rule> make_hn016_pod_pool_outside_remote_network();
std::unique_ptr<Rule> make_hn017_node_ip_outside_remote_network();

}  // namespace hybridctl::rules
