#include "fix/repeated_changes.h"

#include <map>
#include <string>
#include <tuple>

namespace hybridctl::fix {
namespace {

using ChangeKey = std::tuple<model::ObjectRef, std::string, std::string, std::string, std::vector<std::string>>;

ChangeKey key_of(const RequireNodeAffinity& a) { return {a.target, a.template_path, a.key, a.op, a.values}; }

}  // namespace

void drop_repeated_changes(std::vector<rules::Finding>& findings) {
  std::map<ChangeKey, std::string> carried_by;  // change -> the rule whose finding carries it
  for (rules::Finding& f : findings) {
    bool dropped = false;
    std::string first;
    for (auto it = f.fixes.begin(); it != f.fixes.end();) {
      const auto* a = std::get_if<RequireNodeAffinity>(&*it);
      if (!a) {
        ++it;
        continue;
      }
      auto [at, fresh] = carried_by.try_emplace(key_of(*a), f.rule);
      if (fresh) {
        ++it;
        continue;
      }
      first = at->second;
      dropped = true;
      it = f.fixes.erase(it);
    }
    if (dropped) {
      f.fix_note +=
          " The change is the one the " + first + " finding on the same object above already carries: apply it once.";
    }
  }
}

}  // namespace hybridctl::fix
