#include "report/rule_catalogue.h"

#include "rules/registry.h"

namespace hybridctl::report {
namespace {

RuleMetadata metadata_of(const rules::RuleInfo& i) {
  return {.id = i.id,
          .name = i.name,
          .default_severity = i.default_severity,
          .severity = i.severity,
          .fires_when = i.fires_when,
          .rationale = i.rationale,
          .fix = i.fix,
          .reads = i.reads};
}

}  // namespace

const std::vector<RuleMetadata>& rule_catalogue() {
  static const std::vector<RuleMetadata> catalogue = [] {
    std::vector<RuleMetadata> out;
    for (const rules::Rule* r : rules::all_rules()) out.push_back(metadata_of(r->info()));
    return out;
  }();
  return catalogue;
}

}  // namespace hybridctl::report
