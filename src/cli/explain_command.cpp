#include "cli/explain_command.h"

#include <iostream>
#include <memory>

#include "rules/registry.h"

namespace hybridctl::cli {

std::string explain_markdown(const rules::RuleInfo& i) {
  return "## " + i.id + " " + i.name + "\n\n" + "**Fires when:** " + i.fires_when + "\n\n" + "**Severity:** " +
         i.severity + "\n\n" + "**Why:** " + i.rationale + "\n\n" + "**Fix:** " + i.fix + "\n";
}

void register_explain(CLI::App& app, int& exit_code) {
  auto id = std::make_shared<std::string>();
  CLI::App* cmd = app.add_subcommand("explain", "Print a rule's rationale, trigger and fix");
  cmd->add_option("rule", *id, "A rule id such as HN001")->required();
  cmd->callback([id, &exit_code] {
    const rules::Rule* r = rules::find_rule(*id);
    if (!r) {
      std::cerr << "hybridctl explain: unknown rule \"" << *id << "\"; known:";
      for (const auto* rule : rules::all_rules()) std::cerr << " " << rule->info().id;
      std::cerr << "\n";
      exit_code = 2;
      return;
    }
    std::cout << explain_markdown(r->info());
    exit_code = 0;
  });
}

}  // namespace hybridctl::cli
