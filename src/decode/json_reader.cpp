#include "decode/json_reader.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <unordered_set>

#include "decode/json_value_builder.h"

namespace hybridctl::decode {
namespace {

constexpr size_t kReadChunk = 8u << 20;

// A forward-only window over a file descriptor. Bytes before a released
// may be dropped when more are read, so the window stays about one item.
class ChunkedInput {
 public:
  explicit ChunkedInput(int fd) : fd_(fd) {
    // A small regular file is read in one chunk of its own size: a fixed
    // 8 MiB chunk cost an 8 MiB zero-filled allocation per file, however small.
    struct stat st {};
    if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size >= 0 &&
        static_cast<uint64_t>(st.st_size) < kReadChunk) {
      chunk_ = static_cast<size_t>(st.st_size) + 4096;
    }
  }

  // Makes buf()[pos] readable; false at end of input.
  bool available(size_t pos) {
    while (pos >= buf_.size()) {
      if (eof_) return false;
      if (!fill()) return false;
    }
    return true;
  }
  // Bytes before `pos` (relative to the window) are no longer needed; drops
  // them once they are a large part of the window. Returns how far positions
  // moved (subtract it from every position held).
  size_t release_before(size_t pos) {
    if (pos < (1u << 20) || pos < buf_.size() / 2) return 0;
    buf_.erase(0, pos);
    base_ += pos;
    return pos;
  }
  const std::string& buf() const { return buf_; }
  uint64_t base() const { return base_; }
  const std::string& io_error() const { return io_error_; }

 private:
  bool fill() {
    size_t old = buf_.size();
    buf_.resize(old + chunk_);
    ssize_t n;
    do {
      n = ::read(fd_, buf_.data() + old, chunk_);
    } while (n < 0 && errno == EINTR);
    if (n <= 0) {
      buf_.resize(old);
      eof_ = true;
      if (n < 0) io_error_ = std::strerror(errno);
      return false;
    }
    buf_.resize(old + static_cast<size_t>(n));
    return true;
  }

  int fd_;
  size_t chunk_ = kReadChunk;
  std::string buf_;
  uint64_t base_ = 0;
  bool eof_ = false;
  std::string io_error_;
};

// Scans the top level of a JSON text: it only finds where values start and
// end; simdjson parses and validates each value afterwards.
class TopLevelScanner {
 public:
  TopLevelScanner(ChunkedInput& in, uint32_t file_id, const std::string& path)
      : in_(in), path_(path) {
    ctx_.file_id = file_id;
    ctx_.path = &path_;
    ctx_.lines = &lines_;
  }

  JsonReadResult run(const DocumentSink& item_sink, const DocumentSink& root_sink);

 private:
  bool at(size_t p) { return in_.available(p); }
  char ch(size_t p) const { return in_.buf()[p]; }
  uint64_t file_offset(size_t p) const { return in_.base() + p; }

  void skip_ws() {
    while (at(pos_) && (ch(pos_) == ' ' || ch(pos_) == '\n' || ch(pos_) == '\r' || ch(pos_) == '\t')) {
      advance_lines(1);
    }
  }
  // Moves pos_ forward by n bytes that are already in the window, keeping line_.
  void advance_lines(size_t n) {
    const char* p = in_.buf().data() + pos_;
    const char* end = p + n;
    while (p < end) {
      const void* nl = std::memchr(p, '\n', static_cast<size_t>(end - p));
      if (!nl) {
        line_.column += static_cast<uint32_t>(end - p);
        break;
      }
      line_.line++;
      line_.column = 1;
      p = static_cast<const char*>(nl) + 1;
    }
    pos_ += n;
  }
  // Finds the end (exclusive) of the value starting at pos_, without moving pos_.
  bool find_value_end(size_t& end);
  bool parse_value_at(size_t begin, size_t end, Value& out);
  JsonReadResult fail(std::string message, uint64_t offset);
  JsonReadResult fail_here(std::string message);
  bool scan_items(const DocumentSink& item_sink);
  bool read_key(std::string& key);
  void hand_over(Value&& v, size_t begin, size_t end, const DocumentSink& sink);

  ChunkedInput& in_;
  std::string path_;
  DocumentContext ctx_;
  LineCounter lines_;
  JsonValueBuilder builder_;
  size_t pos_ = 0;
  LineCol line_;  // line/column of pos_
  JsonReadResult error_;
};

JsonReadResult TopLevelScanner::fail(std::string message, uint64_t offset) {
  JsonReadResult r;
  r.ok = false;
  r.error = std::move(message);
  // Offsets inside the current window are located exactly; others by the scanner's line.
  if (offset >= in_.base() && offset <= in_.base() + in_.buf().size() && file_offset(pos_) <= offset) {
    LineCounter lc;
    lc.reset(std::string_view(in_.buf()).substr(pos_), file_offset(pos_), line_);
    r.error_at = lc.locate(offset);
  } else {
    r.error_at = line_;
  }
  return r;
}

JsonReadResult TopLevelScanner::fail_here(std::string message) {
  return fail(std::move(message), file_offset(pos_));
}

bool TopLevelScanner::find_value_end(size_t& end) {
  size_t p = pos_;
  int depth = 0;
  bool in_string = false;
  while (at(p)) {
    const std::string& b = in_.buf();
    char c = b[p];
    if (in_string) {
      if (c == '\\') {
        p += 2;
        continue;
      }
      if (c == '"') {
        in_string = false;
        if (depth == 0) {
          end = p + 1;
          return true;
        }
      }
      ++p;
      continue;
    }
    switch (c) {
      case '"': in_string = true; break;
      case '{': case '[': ++depth; break;
      case '}': case ']':
        if (depth == 0) {  // a scalar ended by its container
          end = p;
          return true;
        }
        if (--depth == 0) {
          end = p + 1;
          return true;
        }
        break;
      case ',':
        if (depth == 0) {
          end = p;
          return true;
        }
        break;
      default: break;
    }
    ++p;
  }
  end = p;
  return depth == 0 && !in_string && p > pos_;
}

bool TopLevelScanner::parse_value_at(size_t begin, size_t end, Value& out) {
  std::string message;
  uint64_t err_offset = 0;
  std::string_view text(in_.buf().data() + begin, end - begin);
  if (builder_.parse(text, file_offset(begin), out, message, err_offset)) return true;
  error_ = fail(message, err_offset);
  return false;
}

void TopLevelScanner::hand_over(Value&& v, size_t begin, size_t end, const DocumentSink& sink) {
  lines_.reset(std::string_view(in_.buf().data() + begin, end - begin), file_offset(begin), line_);
  sink(std::move(v), ctx_);
}

bool TopLevelScanner::read_key(std::string& key) {
  size_t end;
  if (!at(pos_) || ch(pos_) != '"' || !find_value_end(end)) {
    error_ = fail_here("expected a quoted member name");
    return false;
  }
  Value k;
  if (!parse_value_at(pos_, end, k)) return false;
  key = k.text();
  advance_lines(end - pos_);
  skip_ws();
  if (!at(pos_) || ch(pos_) != ':') {
    error_ = fail_here("expected ':' after a member name");
    return false;
  }
  advance_lines(1);
  skip_ws();
  return true;
}

// pos_ is at '[': hands each element over, leaves pos_ after ']'.
bool TopLevelScanner::scan_items(const DocumentSink& item_sink) {
  advance_lines(1);
  skip_ws();
  if (at(pos_) && ch(pos_) == ']') {
    advance_lines(1);
    return true;
  }
  while (true) {
    pos_ -= in_.release_before(pos_);
    size_t end;
    bool found = find_value_end(end);
    if (!found) {
      error_ = fail_here("unterminated value in the items list");
      return false;
    }
    Value item;
    if (!parse_value_at(pos_, end, item)) return false;
    size_t begin = pos_;
    hand_over(std::move(item), begin, end, item_sink);
    advance_lines(end - pos_);
    skip_ws();
    if (!at(pos_)) {
      error_ = fail_here("unexpected end of input in the items list");
      return false;
    }
    if (ch(pos_) == ']') {
      advance_lines(1);
      return true;
    }
    if (ch(pos_) != ',') {
      error_ = fail_here("expected ',' or ']' in the items list");
      return false;
    }
    advance_lines(1);
    skip_ws();
  }
}

JsonReadResult TopLevelScanner::run(const DocumentSink& item_sink, const DocumentSink& root_sink) {
  // A UTF-8 byte order mark is tolerated, as kubectl does.
  if (at(2) && in_.buf().compare(0, 3, "\xEF\xBB\xBF") == 0) pos_ = 3;
  skip_ws();
  if (!at(pos_)) {
    JsonReadResult r;
    r.empty = true;
    return r;
  }
  char first = ch(pos_);
  if (first == '[') {
    if (!scan_items(item_sink)) return error_;
  } else if (first == '{') {
    uint64_t root_offset = file_offset(pos_);
    LineCol root_line = line_;
    Value root = Value::object(root_offset);
    advance_lines(1);
    skip_ws();
    bool first_member = true;
    std::unordered_set<std::string> keys;  // duplicates are errors, as in nested objects and YAML
    while (true) {
      if (!at(pos_)) return fail_here("unexpected end of input in the top-level object");
      if (ch(pos_) == '}') {
        advance_lines(1);
        break;
      }
      if (!first_member) {
        if (ch(pos_) != ',') return fail_here("expected ',' or '}' in the top-level object");
        advance_lines(1);
        skip_ws();
      }
      first_member = false;
      std::string key;
      if (!read_key(key)) return error_;
      if (!keys.insert(key).second) return fail_here("duplicate mapping key \"" + key + "\"");
      if (key == "items" && at(pos_) && ch(pos_) == '[') {
        if (!scan_items(item_sink)) return error_;
        root.add_member("items", Value::array(root_offset));
      } else {
        pos_ -= in_.release_before(pos_);
        size_t end;
        bool found = find_value_end(end);
        if (!found) return fail_here("unterminated value");
        Value member;
        if (!parse_value_at(pos_, end, member)) return error_;
        root.add_member(std::move(key), std::move(member));
        advance_lines(end - pos_);
      }
      skip_ws();
    }
    // Offsets inside the root are located exactly while its bytes are still in
    // the window (every file below the 1 MiB release threshold); only a
    // streamed List's released prefix falls back to the root's own line.
    if (root_offset >= in_.base()) {
      size_t begin = static_cast<size_t>(root_offset - in_.base());
      lines_.reset(std::string_view(in_.buf()).substr(begin, pos_ - begin), root_offset, root_line);
    } else {
      lines_.reset(std::string_view(), root_offset, root_line);
    }
    root_sink(std::move(root), ctx_);
  } else {
    size_t end;
    if (!find_value_end(end)) return fail_here("invalid JSON");
    Value scalar;
    if (!parse_value_at(pos_, end, scalar)) return error_;
    advance_lines(end - pos_);
  }
  skip_ws();
  if (at(pos_)) return fail_here("unexpected content after the JSON value");
  if (!in_.io_error().empty()) return fail_here("read error: " + in_.io_error());
  return {};
}

}  // namespace

JsonReadResult read_json_stream(int fd, uint32_t file_id, const std::string& path,
                                const DocumentSink& item_sink, const DocumentSink& root_sink) {
  ChunkedInput in(fd);
  TopLevelScanner scanner(in, file_id, path);
  return scanner.run(item_sink, root_sink);
}

JsonReadResult read_json_text(std::string_view text, uint32_t file_id, const std::string& path,
                              const DocumentSink& sink) {
  JsonValueBuilder builder;
  Value v;
  std::string message;
  uint64_t err_offset = 0;
  LineCounter lines;
  lines.reset(text, 0, LineCol{});
  JsonReadResult r;
  if (!builder.parse(text, 0, v, message, err_offset)) {
    r.ok = false;
    r.error = message;
    r.error_at = lines.locate(err_offset);
    return r;
  }
  DocumentContext ctx{file_id, &path, &lines};
  sink(std::move(v), ctx);
  return r;
}

}  // namespace hybridctl::decode
