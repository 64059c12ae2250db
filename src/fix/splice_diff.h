// `fix --dry-run`: what `--write` would change, as a unified diff (the
// format `patch -p1` and code review tools read), three lines of context.
#pragma once

#include <string>
#include <string_view>

namespace hybridctl::fix {

std::string unified_diff(const std::string& path, std::string_view before, std::string_view after);

}  // namespace hybridctl::fix
