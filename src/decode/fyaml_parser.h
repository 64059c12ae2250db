#pragma once
// libfyaml's event parser with the two defects of Debian bookworm's 0.7.12
// that hostile input can reach kept out of the process's way:
//
// - Formatting an error for display (fy_diag_error_atom_display) reads past
//   its row buffer on some unclosed quoted scalars. Errors are therefore
//   collected (fy_diag_set_collect_errors), never formatted: the line,
//   column and message come back as data, which is also what we need.
// - After "cannot use tab for indentation of block entry" on a value of a
//   complex (`?`) key, fy_fetch_value recycles the same simple key twice;
//   the parser's recycle list is then circular and fy_parser_destroy frees
//   a freed node. Such a parser is never destroyed: it is kept, reachable,
//   in a process-wide list (a few KB per invalid file, which ends the read).
//
// Both were found by the fuzzers; their inputs are replayed in CI.
#include <cstdint>
#include <string>
#include <string_view>

struct fy_diag;
struct fy_parser;
struct fy_event;

namespace hybridctl::decode {

struct FyamlError {
  uint32_t line = 0;    // 1-based, from the start of the parsed text; 0 if unknown
  uint32_t column = 0;  // 1-based
  std::string message;
};

class FyamlParser {
 public:
  // `text` must outlive the parser (libfyaml does not copy it).
  explicit FyamlParser(std::string_view text);
  ~FyamlParser();
  FyamlParser(const FyamlParser&) = delete;
  FyamlParser& operator=(const FyamlParser&) = delete;

  // False when libfyaml could not be set up at all.
  bool ok() const { return parser_ != nullptr; }

  // Parses `text` next, from the start: one parser serves the documents of
  // a stream that fall back to libfyaml one by one, which costs a tenth of
  // creating one for each. Only after the previous text parsed without an
  // error (a parser that failed may be quarantined, see above). False when
  // libfyaml refused.
  bool restart(std::string_view text);

  // The next event, or nullptr at the end of the stream or on an error.
  fy_event* next();
  void release(fy_event* e);

  // After next() returned nullptr: whether it was an error, and the first one.
  bool failed() const;
  FyamlError first_error() const;

 private:
  fy_diag* diag_ = nullptr;
  fy_parser* parser_ = nullptr;
};

}  // namespace hybridctl::decode
