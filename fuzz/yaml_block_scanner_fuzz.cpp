// The block scanner against libfyaml: whatever the bytes, reading them with
// the scanner (YamlEngine::Auto, which leaves documents outside its subset
// to libfyaml) must give exactly what libfyaml alone gives: the same
// documents with the same kinds, texts and offsets, or the same error at
// the same line and column.
//
// Each input is compared with every field built and, when it holds no '&',
// with the fields no rule reads skipped too (libfyaml skips nothing in a
// document holding one; the scanner, which reads no anchors, always can).
#include <cstdint>
#include <cstdio>
#include <string>

#include "core/utf8.h"
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

std::string read(std::string_view text, hybridctl::decode::YamlEngine engine, bool skip_unread_fields,
                 size_t* libfyaml_disagreements = nullptr) {
  static const std::string path = "<fuzz>";
  std::string out;
  hybridctl::decode::YamlReadResult r =
      hybridctl::decode::read_yaml(text, 0, path,
                                   [&](hybridctl::Value&& v, const hybridctl::decode::DocumentContext&) {
                                     dump(v, out);
                                     out += "\n";
                                   },
                                   {engine, skip_unread_fields});
  if (libfyaml_disagreements) *libfyaml_disagreements = r.libfyaml_disagreements;
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
    std::string reference = read(text, YamlEngine::LibfyamlOnly, skip);
    // libfyaml 0.7.12 returns uninitialised bytes for some scalars (an empty
    // literal before lines at its key's indentation: FuzzRegressions.
    // LibfyamlUninitialisedTextOfEmptyLiteral). Such input has no reference.
    // scripts/fuzz has ASan fill all new memory with 0xbe
    // (max_malloc_fill_size), so that such text is never UTF-8, where the
    // input had to be; run by hand, the target needs that option too.
    if (hybridctl::first_invalid_utf8(reference) != hybridctl::kValidUtf8) return 0;
    size_t disagreements = 0;
    std::string scanned = read(text, YamlEngine::Auto, skip, &disagreements);
    if (disagreements > 0) return 0;  // where YAML and libfyaml differ (yaml_block_scanner.h)
    if (scanned != reference) {
      fprintf(stderr, "scanner:\n%s\nlibfyaml:\n%s\n", scanned.c_str(), reference.c_str());
      __builtin_trap();
    }
  }
  return 0;
}
