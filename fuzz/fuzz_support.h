// Shared plumbing of the fuzz targets: turning fuzzer bytes into the inputs
// the readers and decoders take, and an in-memory file for the streaming
// JSON reader (which reads a file descriptor, never a buffer).
#pragma once

#include <sys/mman.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "core/value.h"
#include "decode/document_sink.h"
#include "decode/yaml_reader.h"

namespace hybridctl::fuzz {

inline std::string_view as_text(const uint8_t* data, size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// The documents of a YAML (or JSON: YAML 1.2 is a superset) text; empty when
// the text does not parse. Selector targets use this to build their input
// objects from bytes, as a manifest would hold them.
inline std::vector<Value> parse_documents(std::string_view text) {
  static const std::string path = "<fuzz>";
  std::vector<Value> documents;
  decode::YamlReadResult r = decode::read_yaml(
      text, 0, path, [&](Value&& root, const decode::DocumentContext&) { documents.push_back(std::move(root)); });
  if (!r.ok) documents.clear();
  return documents;
}

// A file descriptor holding `text`, positioned at 0 (a memfd: no disk I/O per
// execution). Closed by the destructor.
class MemoryFile {
 public:
  explicit MemoryFile(std::string_view text) {
    fd_ = memfd_create("hybridctl-fuzz", MFD_CLOEXEC);
    if (fd_ < 0) std::abort();
    size_t done = 0;
    while (done < text.size()) {
      ssize_t n = ::write(fd_, text.data() + done, text.size() - done);
      if (n <= 0) std::abort();
      done += static_cast<size_t>(n);
    }
    if (::lseek(fd_, 0, SEEK_SET) != 0) std::abort();
  }
  ~MemoryFile() { ::close(fd_); }
  MemoryFile(const MemoryFile&) = delete;
  MemoryFile& operator=(const MemoryFile&) = delete;
  int fd() const { return fd_; }

 private:
  int fd_ = -1;
};

// Every offset a reader hands on must be inside the document it came from:
// locating it is what a diagnostic does, so this walks the tree and locates
// each node (the LineCounter is valid only during the sink callback).
inline void locate_every_node(const Value& v, const decode::DocumentContext& ctx) {
  ctx.lines->locate(v.offset());
  for (const auto& [key, member] : v.members()) locate_every_node(member, ctx);
  for (const Value& item : v.items()) locate_every_node(item, ctx);
}

}  // namespace hybridctl::fuzz
