#include "decode/json_reader.h"

#include <sys/stat.h>
#include <unistd.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <unordered_set>

#include "decode/item_batches.h"
#include "decode/json_value_builder.h"
#include "decode/mapped_file.h"

namespace hybridctl::decode {
namespace {

constexpr size_t kReadChunk = 8u << 20;

// A forward-only window over a file descriptor. A regular file is mapped
// whole: the window is the file, nothing is copied, and items are parsed
// where they lie (stable()). Other input is read in chunks; bytes before a
// released position may be dropped when more are read, so the window stays
// about one item.
class ChunkedInput {
 public:
  explicit ChunkedInput(int fd) : fd_(fd), mapped_(fd) {
    if (mapped_.ok()) {
      window_ = mapped_.text();
      eof_ = true;
      return;
    }
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
    while (pos >= window_.size()) {
      if (eof_) return false;
      if (!fill()) return false;
    }
    return true;
  }
  // Bytes before `pos` (relative to the window) are no longer needed; drops
  // them once they are a large part of the window. Returns how far positions
  // moved (subtract it from every position held).
  size_t release_before(size_t pos) {
    if (mapped_.ok() || pos < (1u << 20) || pos < buf_.size() / 2) return 0;
    buf_.erase(0, pos);
    base_ += pos;
    window_ = buf_;
    return pos;
  }
  // True when the bytes up to `end` stay where they are until the input is
  // destroyed, with kJsonPadding readable bytes after them: a mapped file's,
  // except for a value that ends right at the end of the file.
  bool stable(size_t end) const { return mapped_.ok() && end + kJsonPadding <= window_.size(); }
  std::string_view buf() const { return window_; }
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
    } else {
      buf_.resize(old + static_cast<size_t>(n));
    }
    window_ = buf_;
    return n > 0;
  }

  int fd_;
  MappedFile mapped_;
  size_t chunk_ = kReadChunk;
  std::string buf_;          // the window of read input
  std::string_view window_;  // buf_, or the whole mapped file
  uint64_t base_ = 0;
  bool eof_ = false;
  std::string io_error_;
};

// Scans the top level of a JSON text: it only finds where values start and
// end; simdjson parses and validates each value afterwards.
class TopLevelScanner {
 public:
  TopLevelScanner(ChunkedInput& in, uint32_t file_id, const std::string& path, unsigned threads, KeyOffsets key_offsets)
      : in_(in), path_(path), threads_(threads), key_offsets_(key_offsets), builder_(key_offsets) {
    ctx_.file_id = file_id;
    ctx_.path = &path_;
    ctx_.lines = &lines_;
  }

  JsonReadResult run(const ItemSinkFactory& item_sinks, const DocumentSink& root_sink);

 private:
  bool at(size_t p) { return in_.available(p); }
  char ch(size_t p) const { return in_.buf()[p]; }
  uint64_t file_offset(size_t p) const { return in_.base() + p; }

  void skip_ws() {
    while (at(pos_) && (ch(pos_) == ' ' || ch(pos_) == '\n' || ch(pos_) == '\r' || ch(pos_) == '\t')) {
      advance_lines(1);
    }
  }
  // Moves pos_ forward by n bytes that are already in the window, keeping
  // line_ (newlines counted in bulk, see count_newlines).
  void advance_lines(size_t n) {
    const char* p = in_.buf().data() + pos_;
    size_t newlines = count_newlines(p, n);
    if (newlines == 0) {
      line_.column += static_cast<uint32_t>(n);
    } else {
      const char* last = static_cast<const char*>(::memrchr(p, '\n', n));
      line_.line += static_cast<uint32_t>(newlines);
      line_.column = static_cast<uint32_t>(p + n - last);
    }
    pos_ += n;
  }
  // Finds the end (exclusive) of the value starting at pos_, without moving pos_.
  bool find_value_end(size_t& end);
  bool parse_value_at(size_t begin, size_t end, Value& out, FieldScope scope);
  JsonReadResult fail(std::string message, uint64_t offset);
  JsonReadResult fail_here(std::string message);
  bool scan_items(const ItemSinkFactory& item_sinks);
  bool scan_item_bytes(ItemBatcher& batcher);
  bool read_key(std::string& key, uint64_t& key_offset);

  ChunkedInput& in_;
  std::string path_;
  unsigned threads_;
  KeyOffsets key_offsets_;
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
    lc.reset(in_.buf().substr(pos_), file_offset(pos_), line_);
    r.error_at = lc.locate(offset);
  } else {
    r.error_at = line_;
  }
  return r;
}

JsonReadResult TopLevelScanner::fail_here(std::string message) { return fail(std::move(message), file_offset(pos_)); }

// The bytes the value-end search must look at: quotes, backslashes,
// brackets and commas. Everything else (mostly kubectl's indentation and the
// text of strings) is never looked at one by one.
constexpr std::array<bool, 256> kCandidateBytes = [] {
  std::array<bool, 256> t{};
  for (unsigned char c : {'"', '\\', '{', '[', '}', ']', ','}) t[c] = true;
  return t;
}();

// Bit i set when data[i] is a candidate byte (16 bytes from data).
inline unsigned candidate_mask(const char* data) {
#ifdef __SSE2__
  const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(data));
  auto eq = [&v](char c) { return _mm_cmpeq_epi8(v, _mm_set1_epi8(c)); };
  __m128i hits = _mm_or_si128(_mm_or_si128(_mm_or_si128(eq('"'), eq('\\')), _mm_or_si128(eq('{'), eq('}'))),
                              _mm_or_si128(_mm_or_si128(eq('['), eq(']')), eq(',')));
  return static_cast<unsigned>(_mm_movemask_epi8(hits));
#else
  unsigned mask = 0;
  for (unsigned i = 0; i < 16; ++i) mask |= unsigned{kCandidateBytes[static_cast<unsigned char>(data[i])]} << i;
  return mask;
#endif
}

// The state of the value-end search, kept across window refills.
struct ValueEndState {
  int depth = 0;
  bool in_string = false;
  bool escaped = false;  // the previous byte was a backslash inside a string
};

// Feeds the candidate byte at p to the search; true when the value ends, with
// its end (exclusive) in `end`.
inline bool value_end_step(ValueEndState& s, char c, size_t p, size_t& end) {
  if (s.in_string) {
    if (s.escaped) {
      s.escaped = false;
    } else if (c == '\\') {
      s.escaped = true;
    } else if (c == '"') {
      s.in_string = false;
      if (s.depth == 0) {
        end = p + 1;
        return true;
      }
    }
    return false;
  }
  switch (c) {
    case '"':
      s.in_string = true;
      break;
    case '{':
    case '[':
      ++s.depth;
      break;
    case '}':
    case ']':
      if (s.depth == 0) {  // a scalar ended by its container
        end = p;
        return true;
      }
      if (--s.depth == 0) {
        end = p + 1;
        return true;
      }
      break;
    case ',':
      if (s.depth == 0) {
        end = p;
        return true;
      }
      break;
    default:
      break;
  }
  return false;
}

// Feeds the 16 bytes at data + p to the search, visiting only their
// candidate bytes. An escaped byte is always the one right after its
// backslash, so a backslash makes the next byte a candidate whatever it is.
inline bool value_end_block16(ValueEndState& state, const char* data, size_t p, size_t& end) {
  unsigned mask = candidate_mask(data + p);
  if (state.escaped) mask |= 1u;
  while (mask) {
    unsigned bit = static_cast<unsigned>(__builtin_ctz(mask));
    mask &= mask - 1;
    if (value_end_step(state, data[p + bit], p + bit, end)) return true;
    if (state.escaped && bit == 15) break;  // carried into the next block
    if (state.escaped) mask |= 1u << (bit + 1);
  }
  return false;
}

#ifdef __SSE2__
// The bytes of a 64-byte block the in-container search looks at, one bit
// per byte: quotes, backslashes, and opening and closing brackets.
struct BlockMasks {
  uint64_t quotes = 0, backslashes = 0, opens = 0, closes = 0;
};

inline BlockMasks block_masks(const char* data) {
  // '{' and '[' differ only in bit 0x20, as do '}' and ']': one comparison
  // of the byte with that bit set finds both.
  const __m128i quote = _mm_set1_epi8('"'), backslash = _mm_set1_epi8('\\');
  const __m128i open = _mm_set1_epi8('{'), close = _mm_set1_epi8('}'), bit20 = _mm_set1_epi8(0x20);
  BlockMasks m;
  for (int i = 0; i < 4; ++i) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(data + static_cast<ptrdiff_t>(16) * i));
    const __m128i folded = _mm_or_si128(v, bit20);
    auto bits = [i](__m128i eq) {
      return static_cast<uint64_t>(static_cast<uint32_t>(_mm_movemask_epi8(eq))) << (16 * i);
    };
    m.quotes |= bits(_mm_cmpeq_epi8(v, quote));
    m.backslashes |= bits(_mm_cmpeq_epi8(v, backslash));
    m.opens |= bits(_mm_cmpeq_epi8(folded, open));
    m.closes |= bits(_mm_cmpeq_epi8(folded, close));
  }
  return m;
}

// Bit i: the xor of bits 0..i (set on a string's opening quote and the
// bytes inside it, clear on its closing quote and outside).
inline uint64_t prefix_xor(uint64_t x) {
  for (int shift = 1; shift < 64; shift <<= 1) x ^= x << shift;
  return x;
}

// Inside a container (depth > 0) only brackets outside strings matter:
// commas and the text of strings never end it. A 64-byte block without
// backslashes is searched a bracket at a time, strings masked out in bulk,
// instead of a quote, comma and bracket at a time: quotes are most of the
// candidates of kubectl's JSON. False when the block has a backslash (the
// byte-wise search takes it) or the value does not end in it.
inline bool value_end_block64(ValueEndState& state, const char* data, size_t p, size_t& end, bool& handled) {
  const BlockMasks m = block_masks(data + p);
  handled = m.backslashes == 0;
  if (!handled) return false;
  uint64_t in_string = prefix_xor(m.quotes) ^ (state.in_string ? ~uint64_t{0} : 0);
  uint64_t opens = m.opens & ~in_string;
  uint64_t closes = m.closes & ~in_string;
  uint64_t brackets = opens | closes;
  while (brackets) {
    unsigned bit = static_cast<unsigned>(__builtin_ctzll(brackets));
    brackets &= brackets - 1;
    if (opens >> bit & 1) {
      ++state.depth;
    } else if (--state.depth == 0) {
      end = p + bit + 1;
      return true;
    }
  }
  state.in_string = in_string >> 63;
  return false;
}
#endif

bool TopLevelScanner::find_value_end(size_t& end) {
  size_t p = pos_;
  ValueEndState state;
  // The window may grow (and move) while a long value is read: re-fetch it.
  while (in_.available(p)) {
    const char* data = in_.buf().data();
    const size_t n = in_.buf().size();
#ifdef __SSE2__
    while (p + 64 <= n) {
      if (state.depth > 0 && !state.escaped) {
        bool handled = false;
        if (value_end_block64(state, data, p, end, handled)) return true;
        if (handled) {
          p += 64;
          continue;
        }
      }
      for (int i = 0; i < 4; ++i, p += 16) {
        if (value_end_block16(state, data, p, end)) return true;
      }
    }
#endif
    for (; p + 16 <= n; p += 16) {
      if (value_end_block16(state, data, p, end)) return true;
    }
    for (; p < n; ++p) {
      if (!state.escaped && !kCandidateBytes[static_cast<unsigned char>(data[p])]) continue;
      if (value_end_step(state, data[p], p, end)) return true;
    }
  }
  end = p;
  return state.depth == 0 && !state.in_string && p > pos_;
}

bool TopLevelScanner::parse_value_at(size_t begin, size_t end, Value& out, FieldScope scope) {
  std::string message;
  uint64_t err_offset = 0;
  std::string_view text(in_.buf().data() + begin, end - begin);
  if (builder_.parse(text, file_offset(begin), out, message, err_offset, scope)) return true;
  error_ = fail(message, err_offset);
  return false;
}

bool TopLevelScanner::read_key(std::string& key, uint64_t& key_offset) {
  key_offset = file_offset(pos_);
  size_t end;
  if (!at(pos_) || ch(pos_) != '"' || !find_value_end(end)) {
    error_ = fail_here("expected a quoted member name");
    return false;
  }
  Value k;
  if (!parse_value_at(pos_, end, k, FieldScope::Other)) return false;
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

// pos_ is at '[': hands each element over, leaves pos_ after ']'. Items are
// parsed and decoded by an ItemBatcher (on worker threads); an item that does
// not parse wins over any later scanning error, as it comes first in the file.
bool TopLevelScanner::scan_items(const ItemSinkFactory& item_sinks) {
  ItemBatcher batcher(ctx_.file_id, path_, item_sinks, threads_, key_offsets_);
  bool scanned = scan_item_bytes(batcher);
  std::string item_error;
  LineCol item_error_at;
  if (!batcher.finish(item_error, item_error_at)) {
    error_ = JsonReadResult{};
    error_.ok = false;
    error_.error = std::move(item_error);
    error_.error_at = item_error_at;
    return false;
  }
  return scanned;
}

bool TopLevelScanner::scan_item_bytes(ItemBatcher& batcher) {
  advance_lines(1);
  skip_ws();
  if (at(pos_) && ch(pos_) == ']') {
    advance_lines(1);
    return true;
  }
  while (!batcher.failed()) {
    pos_ -= in_.release_before(pos_);
    size_t end;
    bool found = find_value_end(end);
    if (!found) {
      error_ = fail_here("unterminated value in the items list");
      return false;
    }
    batcher.add_item(std::string_view(in_.buf().data() + pos_, end - pos_), file_offset(pos_), line_, in_.stable(end));
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
  return false;  // an item failed: finish() reports it
}

JsonReadResult TopLevelScanner::run(const ItemSinkFactory& item_sinks, const DocumentSink& root_sink) {
  // A UTF-8 byte order mark is tolerated, as kubectl does.
  if (at(2) && in_.buf().substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;
  skip_ws();
  if (!at(pos_)) {
    JsonReadResult r;
    r.empty = true;
    return r;
  }
  char first = ch(pos_);
  if (first == '[') {
    if (!scan_items(item_sinks)) return error_;
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
      uint64_t key_offset = 0;
      if (!read_key(key, key_offset)) return error_;
      if (!keys.insert(key).second) return fail_here("duplicate mapping key \"" + key + "\"");
      if (key == "items" && at(pos_) && ch(pos_) == '[') {
        if (!scan_items(item_sinks)) return error_;
        root.add_member("items", Value::array(root_offset));
      } else {
        pos_ -= in_.release_before(pos_);
        size_t end;
        bool found = find_value_end(end);
        if (!found) return fail_here("unterminated value");
        Value member;
        bool skip;  // nothing at the top level of an object is skipped
        if (!parse_value_at(pos_, end, member, member_scope(FieldScope::Object, key, skip))) return error_;
        member.set_key_offset(key_offset);
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
      lines_.reset(in_.buf().substr(begin, pos_ - begin), root_offset, root_line);
    } else {
      lines_.reset(std::string_view(), root_offset, root_line);
    }
    root_sink(std::move(root), ctx_);
  } else {
    size_t end;
    if (!find_value_end(end)) return fail_here("invalid JSON");
    Value scalar;
    if (!parse_value_at(pos_, end, scalar, FieldScope::Other)) return error_;
    advance_lines(end - pos_);
  }
  skip_ws();
  if (at(pos_)) return fail_here("unexpected content after the JSON value");
  if (!in_.io_error().empty()) return fail_here("read error: " + in_.io_error());
  return {};
}

}  // namespace

JsonReadResult read_json_stream(int fd, uint32_t file_id, const std::string& path, const ItemSinkFactory& item_sinks,
                                const DocumentSink& root_sink, unsigned threads, KeyOffsets key_offsets) {
  ChunkedInput in(fd);
  TopLevelScanner scanner(in, file_id, path, threads, key_offsets);
  return scanner.run(item_sinks, root_sink);
}

JsonReadResult read_json_stream(int fd, uint32_t file_id, const std::string& path, const DocumentSink& item_sink,
                                const DocumentSink& root_sink) {
  // One sink for every item, called in order on this thread.
  return read_json_stream(
      fd, file_id, path, [&item_sink] { return item_sink; }, root_sink, 1);
}

JsonReadResult read_json_text(std::string_view text, uint32_t file_id, const std::string& path,
                              const DocumentSink& sink, KeyOffsets key_offsets) {
  JsonValueBuilder builder(key_offsets);
  Value v;
  std::string message;
  uint64_t err_offset = 0;
  LineCounter lines;
  lines.reset(text, 0, LineCol{});
  JsonReadResult r;
  if (!builder.parse(text, 0, v, message, err_offset, FieldScope::Object)) {
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
