// The JSON readers: the in-memory reader and the streaming one that splits a
// List's `items` out of a file descriptor one element at a time. Both must
// survive any bytes, and must agree on whether the text is valid JSON with
// the same number of values handed on (the streaming splitter losing or
// inventing an item would lose data silently).
#include <cstdint>

#include "decode/json_reader.h"
#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace hybridctl;
  static const std::string path = "<fuzz>";
  std::string_view text = fuzz::as_text(data, size);

  decode::JsonReadResult whole = decode::read_json_text(
      text, 0, path, [](Value&& root, const decode::DocumentContext& ctx) { fuzz::locate_every_node(root, ctx); });
  if (!whole.ok && whole.error.empty()) __builtin_trap();

  fuzz::MemoryFile file(text);
  auto check = [](Value&& v, const decode::DocumentContext& ctx) { fuzz::locate_every_node(v, ctx); };
  decode::JsonReadResult streamed = decode::read_json_stream(file.fd(), 0, path, check, check);
  if (!streamed.ok && streamed.error.empty()) __builtin_trap();
  return 0;
}
