#include "decode/fyaml_parser.h"

#include <libfyaml.h>

#include <mutex>
#include <vector>

namespace hybridctl::decode {
namespace {

// The message fy_ws_indentation_check reports on the path where 0.7.12 has
// already recycled the value's simple key once (see the header).
constexpr std::string_view kDoubleRecycleError = "cannot use tab for indentation of block entry";

// Parsers whose internal lists are corrupt and must never be destroyed. Kept
// reachable so that leak checkers do not report them as lost.
std::mutex& quarantine_mutex() {
  static std::mutex m;
  return m;
}
std::vector<fy_parser*>& quarantine() {
  static auto* parsers = new std::vector<fy_parser*>();
  return *parsers;
}

const fy_diag_error* first_collected_error(fy_diag* diag) {
  void* iter = nullptr;
  while (const fy_diag_error* e = fy_diag_errors_iterate(diag, &iter)) {
    if (e->type == FYET_ERROR) return e;
  }
  return nullptr;
}

}  // namespace

FyamlParser::FyamlParser(std::string_view text) {
  fy_diag_cfg dcfg{};
  fy_diag_cfg_default(&dcfg);
  dcfg.fp = nullptr;
  dcfg.output_fn = [](fy_diag*, void*, const char*, size_t) {};  // nothing is printed
  dcfg.colorize = false;
  diag_ = fy_diag_create(&dcfg);
  if (!diag_) return;
  fy_diag_set_collect_errors(diag_, true);

  fy_parse_cfg cfg{};
  cfg.flags = static_cast<fy_parse_cfg_flags>(FYPCF_DEFAULT_VERSION_1_2 |
                                              // as go-yaml (kubectl) accepts: tab-separated flow
                                              // content, continuation lines at the key's indentation
                                              FYPCF_SLOPPY_FLOW_INDENTATION);
  cfg.diag = diag_;
  parser_ = fy_parser_create(&cfg);
  if (parser_ && fy_parser_set_string(parser_, text.data(), text.size()) != 0) {
    fy_parser_destroy(parser_);
    parser_ = nullptr;
  }
}

FyamlParser::~FyamlParser() {
  if (parser_) {
    const fy_diag_error* e = failed() ? first_collected_error(diag_) : nullptr;
    if (e && e->msg && std::string_view(e->msg) == kDoubleRecycleError) {
      std::lock_guard<std::mutex> lock(quarantine_mutex());
      quarantine().push_back(parser_);
      // The parser holds a reference to the diag: it is kept with it.
      return;
    }
    fy_parser_destroy(parser_);
  }
  if (diag_) fy_diag_destroy(diag_);
}

bool FyamlParser::restart(std::string_view text) {
  if (!parser_ || fy_parser_reset(parser_) != 0 || fy_parser_set_string(parser_, text.data(), text.size()) != 0) {
    return false;
  }
  return true;
}

fy_event* FyamlParser::next() { return parser_ ? fy_parser_parse(parser_) : nullptr; }

void FyamlParser::release(fy_event* e) { fy_parser_event_free(parser_, e); }

bool FyamlParser::failed() const { return parser_ && fy_parser_get_stream_error(parser_); }

FyamlError FyamlParser::first_error() const {
  FyamlError out;
  const fy_diag_error* e = diag_ ? first_collected_error(diag_) : nullptr;
  if (!e) {
    out.message = "invalid YAML";
    return out;
  }
  out.message = e->msg ? e->msg : "invalid YAML";
  if (e->line > 0 && e->column > 0) {
    out.line = static_cast<uint32_t>(e->line);
    out.column = static_cast<uint32_t>(e->column);
  }
  return out;
}

}  // namespace hybridctl::decode
