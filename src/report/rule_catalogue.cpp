#include "report/rule_catalogue.h"

#include <cctype>

#include "rules/registry.h"

namespace hybridctl::report {
namespace {

bool word_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_'; }

RuleMetadata metadata_of(const rules::RuleInfo& i) {
  // The registry states every rule's severity in words; the catalogue test
  // holds each of them to name at least one level.
  return {.id = i.id,
          .name = i.name,
          .default_severity = most_severe_named(i.severity).value_or(rules::Severity::Warning),
          .severity = i.severity,
          .fires_when = i.fires_when,
          .rationale = i.rationale,
          .fix = i.fix,
          .reads = i.reads};
}

}  // namespace

std::optional<rules::Severity> most_severe_named(std::string_view text) {
  std::optional<rules::Severity> most;
  size_t i = 0;
  while (i < text.size()) {
    if (!word_char(text[i])) {
      ++i;
      continue;
    }
    size_t end = i;
    while (end < text.size() && word_char(text[end])) ++end;
    rules::Severity s;
    if (rules::parse_severity(text.substr(i, end - i), s) && (!most || s > *most)) most = s;
    i = end;
  }
  return most;
}

const std::vector<RuleMetadata>& rule_catalogue() {
  static const std::vector<RuleMetadata> catalogue = [] {
    std::vector<RuleMetadata> out;
    for (const rules::Rule* r : rules::all_rules()) out.push_back(metadata_of(r->info()));
    return out;
  }();
  return catalogue;
}

}  // namespace hybridctl::report
