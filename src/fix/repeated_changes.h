// One object, one fix: when several findings of a run ask for the same
// change of the same object (HN002 and HN010 both keeping one workload in the
// cloud), the first in report order carries it and the later ones point at
// it, so applying every finding's patches in order never fails on a guard
// that the first patch already changed.
#pragma once

#include <vector>

#include "rules/finding.h"

namespace hybridctl::fix {

// `findings` in report order (the order their fixes are applied in).
void drop_repeated_changes(std::vector<rules::Finding>& findings);

}  // namespace hybridctl::fix
