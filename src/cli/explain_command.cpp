#include "cli/explain_command.h"

#include <iostream>
#include <memory>

#include "report/explain_markdown.h"
#include "rules/registry.h"

namespace hybridctl::cli {

void register_explain(CLI::App& app, int& exit_code) {
  auto id = std::make_shared<std::string>();
  auto all = std::make_shared<bool>(false);
  auto inputs = std::make_shared<bool>(false);
  CLI::App* cmd = app.add_subcommand("explain", "Print a rule's rationale, trigger and fix");
  cmd->add_option("rule", *id, "A rule id such as HN001");
  cmd->add_flag("--all", *all, "Print every rule (the text of docs/rules.md)");
  cmd->add_flag("--inputs", *inputs, "Print what the rules read and why, with a dump command (docs/inputs.md)");
  cmd->callback([id, all, inputs, &exit_code] {
    if (*inputs) {
      std::cout << report::inputs_catalogue_markdown();
      exit_code = 0;
      return;
    }
    if (*all) {
      std::cout << report::rules_catalogue_markdown();
      exit_code = 0;
      return;
    }
    if (id->empty()) {
      std::cerr << "hybridctl explain: name a rule (e.g. HN001) or pass --all\n";
      exit_code = 2;
      return;
    }
    const rules::Rule* r = rules::find_rule(*id);
    if (!r) {
      std::cerr << "hybridctl explain: unknown rule \"" << *id << "\"; known:";
      for (const report::RuleMetadata& rule : report::rule_catalogue()) std::cerr << " " << rule.id;
      std::cerr << "\n";
      exit_code = 2;
      return;
    }
    for (const report::RuleMetadata& rule : report::rule_catalogue()) {
      if (rule.id == r->info().id) std::cout << report::explain_markdown(rule);
    }
    exit_code = 0;
  });
}

}  // namespace hybridctl::cli
