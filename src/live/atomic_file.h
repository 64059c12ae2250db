// A file that appears whole or not at all: written to a temporary file in
// the same directory, flushed to disk, then renamed over the name (and the
// directory flushed), so a crash or Ctrl-C never leaves half a file.
#pragma once

#include <string>
#include <string_view>

namespace hybridctl::live {

class AtomicFile final {
 public:
  // Opens a temporary file beside `path`; ok() false with error() set otherwise.
  explicit AtomicFile(std::string path);
  ~AtomicFile();  // removes the temporary file unless committed
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  bool ok() const { return error_.empty(); }
  const std::string& error() const { return error_; }
  void write(std::string_view bytes);
  // Appends the contents of `fd` from its current offset to its end.
  void append_from(int fd);
  // Drops everything written after the first `size` bytes.
  void truncate(size_t size);
  size_t size() const { return size_; }
  // fsync, rename over the final name, fsync the directory.
  bool commit();

 private:
  void fail(const std::string& what);

  std::string path_, temp_;
  int fd_ = -1;
  size_t size_ = 0;
  bool committed_ = false;
  std::string error_;
};

}  // namespace hybridctl::live
