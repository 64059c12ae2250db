// A regular file mapped read-only: the parsers read it where the page cache
// holds it instead of copying it into a buffer. Pipes, terminals and empty
// files are not mapped (ok() is false): read them instead.
#pragma once

#include <sys/mman.h>
#include <sys/stat.h>

#include <cstddef>
#include <string_view>

namespace hybridctl::decode {

class MappedFile {
 public:
  explicit MappedFile(int fd) {
    struct stat st {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size <= 0) return;
    void* p = ::mmap(nullptr, static_cast<size_t>(st.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
    if (p == MAP_FAILED) return;
    data_ = static_cast<const char*>(p);
    size_ = static_cast<size_t>(st.st_size);
    // Read front to back: let the kernel read ahead when it is not cached.
    ::madvise(p, size_, MADV_SEQUENTIAL);
  }
  ~MappedFile() {
    if (data_) ::munmap(const_cast<char*>(data_), size_);
  }
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  bool ok() const { return data_ != nullptr; }
  std::string_view text() const { return {data_, size_}; }

 private:
  const char* data_ = nullptr;
  size_t size_ = 0;
};

}  // namespace hybridctl::decode
