#include "rules/engine.h"

#include <algorithm>
#include <sstream>

#include "core/parallel.h"
#include "fix/repeated_changes.h"
#include "rules/registry.h"

namespace hybridctl::rules {

bool ignored(const model::ObjectBase& object, std::string_view rule) {
  std::string_view value = object.meta.annotations.get("hybridctl/ignore");
  std::string token;
  std::istringstream in{std::string(value)};
  while (std::getline(in, token, ',')) {
    token.erase(0, token.find_first_not_of(' '));
    token.erase(token.find_last_not_of(' ') + 1);
    if (same_rule_id(token, "all") || same_rule_id(token, rule)) return true;
  }
  return false;
}

AuditResult run_rules(const model::Snapshot& snapshot, analysis::Analyses& analyses, const RuleSelection& selection) {
  AuditResult result;
  std::vector<std::string> need_nodes;
  std::vector<const Rule*> to_run;
  for (const Rule* rule : all_rules()) {
    const RuleInfo& info = rule->info();
    if (!selection.selected(info.id)) continue;
    if (info.needs_nodes && !snapshot.has_nodes()) {
      need_nodes.push_back(info.id);
      continue;
    }
    to_run.push_back(rule);
  }
  // Rules only read the snapshot and the shared analyses (computed once,
  // whichever rule asks first), so they run side by side; their findings are
  // gathered in catalogue order, the same output as one after the other.
  // Each rule gets a thread of its own when there is more than one core: a
  // rule that waits for an analysis another rule is computing then holds no
  // core, and the OS runs the rules that can go on. With one thread per core
  // instead, a waiting rule idled a core while the rules behind it in the
  // queue (the add-on fix checks) could have run.
  std::vector<std::vector<Finding>> found(to_run.size());
  const unsigned threads = worker_threads() > 1 ? static_cast<unsigned>(to_run.size()) : 1;
  parallel_for(to_run.size(), threads, [&](size_t i) {
    RuleContext ctx{snapshot, analyses, found[i]};
    to_run[i]->check(ctx);
  });
  for (std::vector<Finding>& of_rule : found) {
    for (Finding& f : of_rule) {
      if (f.subject && ignored(*f.subject, f.rule)) {
        ++result.suppressed_by_annotation;
        continue;
      }
      result.findings.push_back(std::move(f));
    }
  }
  if (!need_nodes.empty()) {
    std::string ids;
    for (const auto& id : need_nodes) ids += (ids.empty() ? "" : ", ") + id;
    result.notes.push_back("No nodes in the input: " + ids +
                           " need them and were skipped (pass --cluster-profile FILE or --assume-nodes SPEC); the "
                           "other rules assumed a mixed cluster.");
  }
  std::vector<std::string> ran;
  ran.reserve(to_run.size());
  for (const Rule* rule : to_run) ran.push_back(rule->info().id);
  if (std::string blind = blind_spots_note(blind_spots(snapshot, ran)); !blind.empty()) {
    result.notes.push_back(std::move(blind));
  }
  std::stable_sort(result.findings.begin(), result.findings.end(), [](const Finding& a, const Finding& b) {
    if (a.severity != b.severity) return a.severity > b.severity;
    if (a.rule != b.rule) return a.rule < b.rule;
    if (a.object.ns != b.object.ns) return a.object.ns < b.object.ns;
    if (a.object.name != b.object.name) return a.object.name < b.object.name;
    return a.object.kind < b.object.kind;
  });
  fix::drop_repeated_changes(result.findings);
  return result;
}

}  // namespace hybridctl::rules
