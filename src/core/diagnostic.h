// Errors and notes about the input, each with a place a user can jump to.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace hybridctl {

// Where an object or a problem is: a 1-based line and column in a file.
struct Location {
  std::string file;
  uint32_t line = 0;  // 0: unknown (e.g. a synthesised object)
  uint32_t column = 0;
};

struct Diagnostic {
  enum class Level { Error, Note };
  Level level = Level::Error;
  Location where;
  std::string message;

  // "FILE:LINE:COL: message" (the form editors and CI annotators parse).
  std::string format() const;
};

class Diagnostics {
 public:
  void error(Location where, std::string message) {
    items_.push_back({Diagnostic::Level::Error, std::move(where), std::move(message)});
  }
  void note(Location where, std::string message) {
    items_.push_back({Diagnostic::Level::Note, std::move(where), std::move(message)});
  }
  bool has_errors() const;
  const std::vector<Diagnostic>& items() const { return items_; }
  void append(const Diagnostics& other) { items_.insert(items_.end(), other.items_.begin(), other.items_.end()); }

 private:
  std::vector<Diagnostic> items_;
};

}  // namespace hybridctl
