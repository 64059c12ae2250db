// The YAML reader (libfyaml events → Value tree): any bytes must give either
// documents or one positioned error, never a crash, a hang or a runaway
// allocation (nesting and alias expansion are bounded by the reader).
#include <cstdint>

#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace hybridctl;
  static const std::string path = "<fuzz>";
  std::string_view text = fuzz::as_text(data, size);
  decode::YamlReadResult r = decode::read_yaml(text, 0, path, [](Value&& root, const decode::DocumentContext& ctx) {
    fuzz::locate_every_node(root, ctx);
    to_json(root);  // the serialiser walks every node the reader built
  });
  if (!r.ok && (r.error.empty() || r.error_at.line == 0 || r.error_at.column == 0)) {
    __builtin_trap();  // an error must say what and where
  }
  decode::resolve_plain_scalar(text.substr(0, 80));
  return 0;
}
