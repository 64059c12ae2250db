#include "decode/yaml_block_scanner.h"

#include <array>
#include <cstdint>
#include <string>

namespace hybridctl::decode {
namespace {

// Implicit keys longer than this are errors in YAML (1,024 characters);
// near the limit libfyaml decides.
constexpr size_t kMaxKeyBytes = 1000;

// The indentation passed for a scalar that must end on its line.
constexpr int kOneLine = -2;

constexpr bool is_control(unsigned char c) { return (c < 0x20 && c != '\t') || c == 0x7F; }

// Bytes that end a plain scalar's fast loop, to be looked at one by one.
constexpr std::array<bool, 256> make_plain_stops() {
  std::array<bool, 256> t{};
  for (int c = 0; c < 0x20; ++c) t[c] = true;
  t[':'] = t[' '] = t[0x7F] = t[0xC2] = t[0xE2] = t[0xEF] = true;
  return t;
}
constexpr std::array<bool, 256> kPlainStops = make_plain_stops();

constexpr std::array<bool, 256> make_quoted_stops() {
  std::array<bool, 256> t{};
  for (int c = 0; c < 0x20; ++c) t[c] = true;
  t['\''] = t['"'] = t['\\'] = t[0x7F] = t[0xC2] = t[0xE2] = t[0xEF] = true;
  return t;
}
constexpr std::array<bool, 256> kQuotedStops = make_quoted_stops();

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

void append_utf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// One document's reader. Every step returns false when the document leaves
// the subset or the handler refuses an event; the document then goes to
// libfyaml whole.
class BlockScanner {
 public:
  BlockScanner(std::string_view text, YamlEventHandler& out) : t_(text), out_(out) {}

  size_t libfyaml_disagreements() const { return libfyaml_disagreements_; }

  size_t document(size_t begin) {
    p_ = line_start_ = begin;
    doc_end_ = t_.size();
    if (is_marker(p_, '-')) {
      p_ += 3;
      if (!end_of_line()) return kOutsideBlockSubset;  // content on the `---` line
    }
    if (!next_content_line()) return kOutsideBlockSubset;
    if (indent_ >= 0) {
      if (!block_node(indent_, -1)) return kOutsideBlockSubset;
      if (indent_ >= 0) return kOutsideBlockSubset;  // more after the root node
    }
    return doc_end_;
  }

 private:
  bool at_end(size_t i) const { return i >= t_.size(); }
  char at(size_t i) const { return i < t_.size() ? t_[i] : '\0'; }
  // A space, a line break or the end: what must follow an indicator.
  bool blank_at(size_t i) const { return i >= t_.size() || t_[i] == ' ' || t_[i] == '\n'; }
  int column() const { return static_cast<int>(p_ - line_start_); }

  // `---` or `...` at `i` (a line start), followed by a blank.
  bool is_marker(size_t i, char c) const {
    if (i + 3 > t_.size() || t_[i] != c || t_[i + 1] != c || t_[i + 2] != c) return false;
    if (i + 3 == t_.size()) return true;
    char next = t_[i + 3];
    return next == ' ' || next == '\n' || next == '\t' || next == '\r';
  }

  // U+0080..U+009F, U+2028/9, U+FEFF, U+FFFE/F: characters libfyaml may
  // treat as breaks or refuse; the scanner leaves them to it.
  bool unusual_multibyte(size_t i) const {
    unsigned char c = static_cast<unsigned char>(t_[i]);
    unsigned char c1 = static_cast<unsigned char>(at(i + 1));
    unsigned char c2 = static_cast<unsigned char>(at(i + 2));
    if (c == 0xC2) return c1 < 0xA0;
    if (c == 0xE2) return c1 == 0x80 && (c2 == 0xA8 || c2 == 0xA9);
    if (c == 0xEF) return (c1 == 0xBB && c2 == 0xBF) || (c1 == 0xBF && c2 >= 0xBE);
    return false;
  }

  // Checks text that is taken as it is (comments, block scalar lines) up to
  // the line's end; leaves p_ at the '\n' or the end.
  bool plain_text_to_eol() {
    while (p_ < t_.size() && t_[p_] != '\n') {
      unsigned char c = static_cast<unsigned char>(t_[p_]);
      if (c == '\r' || is_control(c)) return false;
      if (c >= 0xC2 && unusual_multibyte(p_)) return false;
      ++p_;
    }
    return true;
  }

  // After a node: spaces, then the line's end or a comment. Moves to the
  // next line.
  bool end_of_line() {
    size_t spaces_from = p_;
    while (p_ < t_.size() && t_[p_] == ' ') ++p_;
    if (at_end(p_)) return true;
    char c = t_[p_];
    if (c == '#' && p_ > spaces_from) {
      if (!plain_text_to_eol()) return false;
      c = at(p_);
    }
    if (at_end(p_)) return true;
    if (c != '\n') return false;
    line_start_ = ++p_;
    return true;
  }

  // Moves to the next line holding a node, past blank and comment lines.
  // Sets indent_ to its indentation, with p_ at its first character, or to
  // -1 at the document's end (doc_end_ then says where the next begins).
  bool next_content_line() {
    for (;;) {
      line_start_ = p_;
      if (at_end(p_)) {
        indent_ = -1;
        return true;
      }
      size_t q = p_;
      while (q < t_.size() && t_[q] == ' ') ++q;
      if (at_end(q)) {
        p_ = q;
        indent_ = -1;
        return true;
      }
      char c = t_[q];
      if (c == '\n') {
        p_ = q + 1;
        continue;
      }
      if (c == '#') {
        p_ = q;
        if (!plain_text_to_eol()) return false;
        if (!at_end(p_)) ++p_;
        continue;
      }
      if (c == '\t' || c == '\r') return false;
      if (q == p_) {
        if (is_marker(q, '-')) {
          doc_end_ = q;
          indent_ = -1;
          return true;
        }
        if (is_marker(q, '.') || c == '%') return false;
      }
      p_ = q;
      indent_ = static_cast<int>(q - line_start_);
      return true;
    }
  }

  bool emit(YamlEventType type, uint64_t offset, std::string_view text = {}, bool plain = false) {
    YamlEvent e;
    e.type = type;
    e.offset = offset;
    e.text = text;
    e.plain = plain;
    return out_.on_event(e);
  }

  // An empty node (null): it has no position of its own.
  bool emit_empty() { return emit(YamlEventType::Scalar, kNoPosition, {}, true); }

  // Whether a plain scalar may start at p_ in block context.
  bool plain_may_start() const {
    unsigned char c = static_cast<unsigned char>(t_[p_]);
    switch (c) {
      case '&':
      case '*':
      case '!':
      case '|':
      case '>':
      case '\'':
      case '"':
      case '%':
      case '@':
      case '`':
      case ',':
      case '[':
      case ']':
      case '{':
      case '}':
      case '#':
      case '?':
      case ':':
        return false;
      case '-':
        return !blank_at(p_ + 1) && t_[p_ + 1] != '\t' && t_[p_ + 1] != '\r';
      default:
        if (is_control(c) || c == '\t' || c == ' ') return false;
        if (c >= 0xC2 && unusual_multibyte(p_)) return false;
        return true;
    }
  }

  // A one-line plain scalar from p_. `colon`: it ended at a mapping
  // indicator (": " or ":" at the line's end), p_ then just past the ':'.
  bool plain(std::string_view& text, bool& colon) {
    size_t start = p_;
    size_t i = p_;
    colon = false;
    for (;;) {
      while (i < t_.size() && !kPlainStops[static_cast<unsigned char>(t_[i])]) ++i;
      if (at_end(i)) break;
      unsigned char c = static_cast<unsigned char>(t_[i]);
      if (c == '\n') break;
      if (c == ':') {
        if (blank_at(i + 1)) {
          colon = true;
          break;
        }
        if (t_[i + 1] == '\t' || t_[i + 1] == '\r') return false;
        ++i;
        continue;
      }
      if (c == ' ') {
        if (at(i + 1) == '#') break;
        ++i;
        continue;
      }
      if (c >= 0xC2) {
        if (unusual_multibyte(i)) return false;
        ++i;
        continue;
      }
      return false;  // a tab, '\r' or another control character
    }
    size_t end = i;
    while (end > start && t_[end - 1] == ' ') --end;
    text = t_.substr(start, end - start);
    p_ = colon ? i + 1 : i;
    return true;
  }

  // A quoted scalar from p_ (at its opening quote); p_ ends past the
  // closing quote. It may go on over lines indented at least
  // `parent_indent` (kOneLine: it may not), folded (YAML 1.2 section 7.3):
  // trailing and leading spaces dropped, a line break read as a space, each
  // empty line between as a '\n'.
  bool quoted(std::string_view& text, int parent_indent, bool& multiline) {
    char q = t_[p_];
    size_t start = p_ + 1;
    size_t i = start;
    bool copied = false;  // the text is in buf_, not a view of the input
    auto copy_up_to = [&](size_t end) {
      if (copied) {
        buf_.append(t_.substr(start, end - start));
      } else {
        buf_.assign(t_.substr(start, end - start));
      }
      copied = true;
    };
    multiline = false;
    for (;;) {
      while (i < t_.size() && !kQuotedStops[static_cast<unsigned char>(t_[i])]) ++i;
      if (at_end(i)) return false;
      unsigned char c = static_cast<unsigned char>(t_[i]);
      if (c == static_cast<unsigned char>(q)) {
        if (q == '\'' && at(i + 1) == '\'') {  // '' is a quote
          copy_up_to(i);
          buf_ += '\'';
          i += 2;
          start = i;
          continue;
        }
        break;
      }
      if (c == '\'' || c == '"') {  // the other quote
        ++i;
        continue;
      }
      if (c == '\t') {
        ++i;
        continue;
      }
      if (c >= 0xC2) {
        if (unusual_multibyte(i)) return false;
        ++i;
        continue;
      }
      if (c == '\\') {
        if (q == '\'') {
          ++i;
          continue;
        }
        copy_up_to(i);
        if (at(i + 1) == '\n' && parent_indent >= 0) {  // an escaped line break joins the lines
          size_t next = 0;
          if (!fold_line_breaks(i + 1, parent_indent, true, next)) return false;
          i = start = next;
          multiline = true;
          continue;
        }
        size_t used = 0;
        if (!escape(i + 1, used)) return false;
        i += 1 + used;
        start = i;
        continue;
      }
      if (c == '\n' && parent_indent >= 0) {
        size_t end = i;
        while (end > start && t_[end - 1] == ' ') --end;
        copy_up_to(end);
        size_t next = 0;
        if (!fold_line_breaks(i, parent_indent, false, next)) return false;
        i = start = next;
        multiline = true;
        continue;
      }
      return false;  // a control character, or a line break where none may be
    }
    if (copied) {
      buf_.append(t_.substr(start, i - start));
      text = buf_;
    } else {
      text = t_.substr(start, i - start);
    }
    p_ = i + 1;
    return true;
  }

  // At the line break `i` inside a quoted scalar that goes on over lines
  // indented at least `parent_indent`: appends the folded breaks to buf_
  // (none for an `escaped` break but its empty lines) and sets `next` to
  // the first character of the next line holding text.
  bool fold_line_breaks(size_t i, int parent_indent, bool escaped, size_t& next) {
    size_t empty_lines = 0;
    for (;;) {
      size_t line = i + 1;
      size_t q = line;
      while (q < t_.size() && t_[q] == ' ') ++q;
      if (at_end(q)) return false;
      char c = t_[q];
      if (c == '\n') {
        ++empty_lines;
        i = q;
        continue;
      }
      // libfyaml, like go-yaml, takes continuation lines at the key's own
      // indentation (FYPCF_SLOPPY_FLOW_INDENTATION); a marker still ends
      // the document.
      int indent = static_cast<int>(q - line);
      if (c == '\t' || c == '\r' || indent < parent_indent) return false;
      if (indent == 0 && (is_marker(q, '-') || is_marker(q, '.'))) return false;
      if (empty_lines == 0 && !escaped)
        buf_ += ' ';
      else
        buf_.append(empty_lines, '\n');
      line_start_ = line;
      next = q;
      return true;
    }
  }

  // The escape after a backslash at `i`, appended to buf_.
  bool escape(size_t i, size_t& used) {
    if (at_end(i)) return false;
    used = 1;
    switch (t_[i]) {
      case 'n':
        buf_ += '\n';
        return true;
      case 't':
        buf_ += '\t';
        return true;
      case 'r':
        buf_ += '\r';
        return true;
      case 'b':
        buf_ += '\b';
        return true;
      case 'f':
        buf_ += '\f';
        return true;
      case '"':
        buf_ += '"';
        return true;
      case '\\':
        buf_ += '\\';
        return true;
      case '/':
        buf_ += '/';
        return true;
      case ' ':
        buf_ += ' ';
        return true;
      case '\t':
        buf_ += '\t';
        return true;
      case 'x':
        used = 3;
        break;
      case 'u':
        used = 5;
        break;
      case 'U':
        used = 9;
        break;
      default:
        return false;  // rarer escapes are libfyaml's
    }
    uint32_t cp = 0;
    for (size_t k = 1; k < used; ++k) {
      int d = hex_digit(at(i + k));
      if (d < 0) return false;
      cp = cp * 16 + static_cast<uint32_t>(d);
    }
    if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0) || (cp >= 0xD800 && cp < 0xE000) || cp > 0x10FFFF) return false;
    append_utf8(buf_, cp);
    return true;
  }

  // A flow collection at p_ that ends on its line: `[a, "b", {c: d}]`.
  // Keys are scalars followed by ": "; no empty entries, trailing commas,
  // `? ` keys or single-pair mappings in sequences.
  bool flow_collection() {
    bool is_map = t_[p_] == '{';
    char close = is_map ? '}' : ']';
    if (!emit(is_map ? YamlEventType::MappingStart : YamlEventType::SequenceStart, p_)) return false;
    ++p_;
    skip_flow_spaces();
    if (at(p_) != close) {
      for (;;) {
        if (is_map) {
          std::string_view text;
          bool colon = false;
          size_t offset = p_;
          char c = at(p_);
          if (c == '"' || c == '\'') {
            offset = p_ + 1;
            bool multiline = false;
            if (!quoted(text, kOneLine, multiline)) return false;
            skip_flow_spaces();
            if (at(p_) != ':' || at(p_ + 1) != ' ') return false;
            p_ += 2;
            colon = true;
          } else if (at_end(p_) || !plain_may_start() || !flow_plain(text, colon) || !colon) {
            return false;
          }
          if (!emit(YamlEventType::Scalar, offset, text, c != '"' && c != '\'')) return false;
          skip_flow_spaces();
        }
        if (!flow_node()) return false;
        skip_flow_spaces();
        if (at(p_) == close) break;
        if (at(p_) != ',') return false;
        ++p_;
        skip_flow_spaces();
        if (at(p_) == close || at(p_) == ',') return false;
      }
    }
    ++p_;
    return emit(is_map ? YamlEventType::MappingEnd : YamlEventType::SequenceEnd, p_ - 1);
  }

  void skip_flow_spaces() {
    while (p_ < t_.size() && t_[p_] == ' ') ++p_;
  }

  // A node inside a flow collection, at p_.
  bool flow_node() {
    if (at_end(p_)) return false;
    char c = t_[p_];
    if (c == '[' || c == '{') return flow_collection();
    std::string_view text;
    if (c == '"' || c == '\'') {
      size_t offset = p_ + 1;
      bool multiline = false;
      return quoted(text, kOneLine, multiline) && emit(YamlEventType::Scalar, offset, text, false);
    }
    size_t offset = p_;
    bool colon = false;
    return plain_may_start() && flow_plain(text, colon) && !colon && emit(YamlEventType::Scalar, offset, text, true);
  }

  // A plain scalar inside a flow collection: it also ends at `,[]{}`. On
  // `colon` p_ is past the ": ".
  bool flow_plain(std::string_view& text, bool& colon) {
    if (t_[p_] == '-' && std::string_view(",[]{}").find(at(p_ + 1)) != std::string_view::npos) return false;
    size_t start = p_;
    size_t i = p_;
    colon = false;
    for (;; ++i) {
      if (at_end(i)) return false;  // the collection goes on past the text
      unsigned char c = static_cast<unsigned char>(t_[i]);
      if (c == ',' || c == '[' || c == ']' || c == '{' || c == '}') break;
      if (c == ':') {
        char next = at(i + 1);
        if (next == ' ') {
          colon = true;
          break;
        }
        if (at_end(i + 1) || next == '\n' || next == ',' || next == '[' || next == ']' || next == '{' || next == '}' ||
            next == '\t' || next == '\r') {
          return false;
        }
        continue;
      }
      if (c == ' ' && at(i + 1) == '#') return false;  // a comment inside the collection
      if (c == '\n' || c == '\t' || c == '\r' || is_control(c)) return false;
      if (c >= 0xC2 && unusual_multibyte(i)) return false;
    }
    size_t end = i;
    while (end > start && t_[end - 1] == ' ') --end;
    text = t_.substr(start, end - start);
    p_ = colon ? i + 2 : i;
    return true;
  }

  // After a scalar node: the next node must not be more indented than the
  // collection holding it (it would continue a multi-line scalar).
  bool after_scalar(int parent_indent) {
    if (!next_content_line()) return false;
    return indent_ <= parent_indent;
  }

  // A literal block scalar (`|`, `|-`, `|+`) at p_, its content indented
  // more than `parent_indent`.
  bool literal(int parent_indent) {
    if (parent_indent < 0) return false;  // a document that is one block scalar
    ++p_;
    char chomp = ' ';
    if (at(p_) == '-' || at(p_) == '+') chomp = t_[p_++];
    if (!end_of_line() || at_end(p_)) return false;
    size_t offset = p_;  // libfyaml's position for a block scalar: the line after its header
    buf_.clear();
    int indent = -1;
    size_t breaks = 0;  // line breaks owed before the next content line
    bool any_content = false;
    for (;;) {
      line_start_ = p_;
      if (at_end(p_)) break;
      size_t q = p_;
      while (q < t_.size() && t_[q] == ' ') ++q;
      int spaces = static_cast<int>(q - p_);
      if (at_end(q)) return false;  // spaces, then the end of the text
      if (t_[q] == '\n' && (indent < 0 || spaces <= indent)) {
        if (indent < 0 && spaces > 0) return false;  // indentation before it is known
        ++breaks;
        p_ = q + 1;
        continue;
      }
      if (indent < 0) {
        if (spaces <= parent_indent) {  // no content: the next node
          if (spaces > 0) ++libfyaml_disagreements_;
          break;
        }
        indent = spaces;
      }
      if (spaces < indent) break;  // the next node
      // A content line: everything after the indentation.
      p_ += static_cast<size_t>(indent);
      size_t from = p_;
      if (!plain_text_to_eol() || at_end(p_)) return false;
      if (any_content) ++breaks;
      buf_.append(breaks, '\n');
      breaks = 0;
      buf_.append(t_.substr(from, p_ - from));
      any_content = true;
      ++p_;  // past the '\n'
    }
    if (!any_content) {
      if (chomp == '+') return false;  // an empty kept scalar: its empty lines are libfyaml's
    } else if (chomp == ' ') {
      buf_ += '\n';
    } else if (chomp == '+') {
      buf_.append(breaks + 1, '\n');
    }
    p_ = line_start_;
    return emit(YamlEventType::Scalar, offset, buf_);
  }

  // A node starting at p_, column `col`, inside a collection indented
  // `parent_indent` (-1 for the document's root). `after_key`: it follows
  // its key on the key's line, where no block collection may start. Leaves
  // p_ at the next content line (indent_ set).
  bool block_node(int col, int parent_indent, bool after_key = false) {
    char c = t_[p_];
    if (c == '-' && blank_at(p_ + 1)) return !after_key && sequence(col);
    if (c == '|') return literal(parent_indent) && after_scalar(parent_indent);
    if (c == '{' || c == '[') return flow_collection() && end_of_line() && after_scalar(parent_indent);
    std::string_view text;
    bool colon = false;
    size_t start = p_;
    if (c == '"' || c == '\'') {
      size_t offset = p_ + 1;  // libfyaml's position for a quoted scalar: inside its quotes
      bool multiline = false;
      if (!quoted(text, parent_indent, multiline)) return false;
      if (colon_follows()) {
        if (after_key || multiline) return false;
        return mapping(col, start, offset, text, false);
      }
      return emit(YamlEventType::Scalar, offset, text, false) && end_of_line() && after_scalar(parent_indent);
    }
    if (!plain_may_start() || !plain(text, colon)) return false;
    if (colon) return !after_key && mapping(col, start, start, text, true);
    return plain_lines(start, text, parent_indent);
  }

  // A plain scalar starting at `offset` whose first line, `first`, ended at
  // p_: lines indented more than `parent_indent` go on with it, folded like
  // a quoted scalar's. A comment ends it.
  bool plain_lines(size_t offset, std::string_view first, int parent_indent) {
    size_t resume = p_;
    bool folded = false;
    while (at(resume) == '\n' && parent_indent >= 0) {
      size_t line = resume + 1;
      size_t q = line;
      size_t empty_lines = 0;
      for (;;) {  // past empty lines
        while (q < t_.size() && t_[q] == ' ') ++q;
        if (at(q) != '\n') break;
        ++empty_lines;
        line = ++q;
      }
      if (at_end(q) || static_cast<int>(q - line) <= parent_indent || t_[q] == '#') break;
      unsigned char c = static_cast<unsigned char>(t_[q]);
      if (c == '\t' || c == '\r' || ((c == '-' || c == '?' || c == ':') && blank_at(q + 1))) {
        return false;  // indicators that may mean something else here: libfyaml decides
      }
      if (!folded) {
        buf_.assign(first);
        folded = true;
      }
      p_ = q;
      std::string_view more;
      bool colon = false;
      if (!plain(more, colon) || colon || (!at_end(p_) && t_[p_] != '\n')) return false;  // a key, or a comment
      if (empty_lines == 0)
        buf_ += ' ';
      else
        buf_.append(empty_lines, '\n');
      buf_.append(more);
      resume = p_;
    }
    p_ = resume;
    if (!emit(YamlEventType::Scalar, offset, folded ? std::string_view(buf_) : first, true)) return false;
    return end_of_line() && after_scalar(parent_indent);
  }

  // After a quoted scalar: spaces and a mapping indicator, consumed.
  bool colon_follows() {
    size_t i = p_;
    while (i < t_.size() && t_[i] == ' ') ++i;
    if (at(i) == ':' && blank_at(i + 1)) {
      p_ = i + 1;
      return true;
    }
    return false;
  }

  // A mapping key at p_ on a line indented like the mapping.
  bool key(size_t& offset, std::string_view& text, bool& is_plain) {
    offset = p_;
    char c = t_[p_];
    if (c == '"' || c == '\'') {
      is_plain = false;
      ++offset;
      bool multiline = false;
      return quoted(text, kOneLine, multiline) && colon_follows();
    }
    is_plain = true;
    bool colon = false;
    return plain_may_start() && plain(text, colon) && colon;
  }

  // A block mapping indented `n` starting at `start`, its first key (already
  // read) at `key_offset`; p_ is just past that key's ':'.
  bool mapping(int n, size_t start, size_t key_offset, std::string_view key_text, bool key_plain) {
    if (!emit(YamlEventType::MappingStart, start)) return false;
    size_t key_start = start;
    for (;;) {
      if (p_ - key_start > kMaxKeyBytes) return false;  // the key as written, through its ':'
      if (!emit(YamlEventType::Scalar, key_offset, key_text, key_plain)) return false;
      size_t after_indicator = p_;
      while (p_ < t_.size() && t_[p_] == ' ') ++p_;
      char c = at(p_);
      if (at_end(p_) || c == '\n' || c == '#') {  // the value is on the lines below, or empty
        p_ = after_indicator;
        if (!end_of_line() || !next_content_line()) return false;
        if (indent_ > n) {
          if (!block_node(indent_, n)) return false;
        } else if (indent_ == n && t_[p_] == '-' && blank_at(p_ + 1)) {
          if (!sequence(n)) return false;
        } else if (!emit_empty()) {
          return false;
        }
      } else if (!block_node(column(), n, true)) {
        return false;
      }
      if (indent_ < n) break;
      if (indent_ > n) return false;
      key_start = p_;
      if (!key(key_offset, key_text, key_plain)) return false;
    }
    return emit(YamlEventType::MappingEnd, p_);
  }

  // A block sequence indented `n`, p_ at its first '-'.
  bool sequence(int n) {
    if (!emit(YamlEventType::SequenceStart, p_)) return false;
    for (;;) {
      size_t after_indicator = ++p_;
      while (p_ < t_.size() && t_[p_] == ' ') ++p_;
      char c = at(p_);
      if (at_end(p_) || c == '\n' || c == '#') {  // the entry is on the lines below, or empty
        p_ = after_indicator;
        if (!end_of_line() || !next_content_line()) return false;
        // An empty entry is null in YAML, but libfyaml 0.7.12 refuses some
        // ("did not find expected node content", depending on what holds
        // the sequence and what follows): they are left to it.
        if (indent_ <= n || !block_node(indent_, n)) return false;
      } else if (c == '\t' || !block_node(column(), n)) {
        return false;
      }
      if (indent_ < n) break;
      if (indent_ > n) return false;
      if (!(t_[p_] == '-' && blank_at(p_ + 1))) break;  // the mapping holding this compact sequence goes on
    }
    return emit(YamlEventType::SequenceEnd, p_);
  }

  std::string_view t_;
  YamlEventHandler& out_;
  size_t p_ = 0;
  size_t line_start_ = 0;
  size_t doc_end_ = 0;
  int indent_ = -1;
  std::string buf_;  // unescaped or joined scalar text
  size_t libfyaml_disagreements_ = 0;
};

}  // namespace

BlockScanResult scan_block_document(std::string_view text, size_t begin, YamlEventHandler& out) {
  BlockScanner scanner(text, out);
  BlockScanResult result;
  result.next = scanner.document(begin);
  if (result.next != kOutsideBlockSubset) result.libfyaml_disagreements = scanner.libfyaml_disagreements();
  return result;
}

}  // namespace hybridctl::decode
