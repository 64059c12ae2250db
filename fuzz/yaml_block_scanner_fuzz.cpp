// The block scanner against libfyaml: whatever the bytes, reading them with
// the scanner (YamlEngine::Auto, which leaves documents outside its subset
// to libfyaml) must give exactly what libfyaml alone gives: the same
// documents with the same kinds, texts and offsets, or the same error at
// the same line and column.
//
// Inputs that differ only in the fields no rule reads are not findings:
// libfyaml skips none in a document holding a '&', the scanner skips them
// (it reads no anchors), so such inputs are compared with skipping off.
#include <cstdint>
#include <cstdio>
#include <string>

#include "fuzz_support.h"

namespace {

void dump(const hybridctl::Value& v, std::string& out) {
  out += std::to_string(static_cast<int>(v.kind())) + "@" + std::to_string(v.offset());
  if (v.is_scalar()) {
    out += "[" + std::to_string(v.text().size()) + ":" + v.text() + "]";
    return;
  }
  out += "(";
  for (const auto& [k, m] : v.members()) {
    out += std::to_string(k.size()) + ":" + k + "=";
    dump(m, out);
  }
  for (const auto& i : v.items()) dump(i, out);
  out += ")";
}

std::string read(std::string_view text, hybridctl::decode::YamlEngine engine, bool skip_unread_fields) {
  static const std::string path = "<fuzz>";
  std::string out;
  hybridctl::decode::YamlReadResult r =
      hybridctl::decode::read_yaml(text, 0, path,
                                   [&](hybridctl::Value&& v, const hybridctl::decode::DocumentContext&) {
                                     dump(v, out);
                                     out += "\n";
                                   },
                                   {engine, skip_unread_fields});
  if (!r.ok) {
    out += "error " + std::to_string(r.error_at.line) + ":" + std::to_string(r.error_at.column) + " " + r.error;
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using hybridctl::decode::YamlEngine;
  std::string_view text = hybridctl::fuzz::as_text(data, size);
  // Every field built, then (where libfyaml skips them too: no '&') the
  // unread fields skipped.
  for (bool skip : {false, true}) {
    if (skip && text.find('&') != std::string_view::npos) break;
    std::string scanned = read(text, YamlEngine::Auto, skip);
    std::string reference = read(text, YamlEngine::LibfyamlOnly, skip);
    if (scanned != reference) {
      fprintf(stderr, "scanner:\n%s\nlibfyaml:\n%s\n", scanned.c_str(), reference.c_str());
      __builtin_trap();
    }
  }
  return 0;
}
