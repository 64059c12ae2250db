#include "core/diagnostic.h"

#include <algorithm>

namespace hybridctl {

std::string Diagnostic::format() const {
  std::string out = where.file;
  if (where.line > 0) {
    out += ':' + std::to_string(where.line) + ':' + std::to_string(where.column);
  }
  out += level == Level::Error ? ": " : ": note: ";
  out += message;
  return out;
}

bool Diagnostics::has_errors() const {
  return std::any_of(items_.begin(), items_.end(),
                     [](const Diagnostic& d) { return d.level == Diagnostic::Level::Error; });
}

}  // namespace hybridctl
