#include "decode/yaml_reader.h"

#include <libfyaml.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <memory>
#include <thread>

#include "core/utf8.h"
#include "decode/fyaml_parser.h"
#include "decode/yaml_block_scanner.h"
#include "decode/yaml_stream_split.h"
#include "decode/yaml_value_builder.h"

namespace hybridctl::decode {
namespace {

// The core schema's number patterns, matched by hand (std::regex cost more
// than the YAML parse itself on IP addresses and versions):
// [-+]?[0-9]+ | 0o[0-7]+ | 0x[0-9a-fA-F]+ | [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?
// | [-+]?\.(inf|Inf|INF) | \.(nan|NaN|NAN)
bool is_core_schema_number(std::string_view s) {
  auto all_of = [](std::string_view t, auto pred) {
    if (t.empty()) return false;
    for (char ch : t) {
      if (!pred(static_cast<unsigned char>(ch))) return false;
    }
    return true;
  };
  auto digits_at = [&s](size_t i) {
    size_t n = 0;
    while (i + n < s.size() && s[i + n] >= '0' && s[i + n] <= '9') ++n;
    return n;
  };
  if (s.starts_with("0o") && all_of(s.substr(2), [](unsigned char ch) { return ch >= '0' && ch <= '7'; })) return true;
  if (s.starts_with("0x") && all_of(s.substr(2), [](unsigned char ch) { return std::isxdigit(ch) != 0; })) return true;
  if (s == ".nan" || s == ".NaN" || s == ".NAN") return true;
  size_t i = (s[0] == '-' || s[0] == '+') ? 1 : 0;
  std::string_view rest = s.substr(i);
  if (rest == ".inf" || rest == ".Inf" || rest == ".INF") return true;
  size_t int_digits = digits_at(i);
  i += int_digits;
  if (int_digits == 0) {  // only \.[0-9]+ may start without a digit
    if (i >= s.size() || s[i] != '.') return false;
    size_t frac = digits_at(i + 1);
    if (frac == 0) return false;
    i += 1 + frac;
  } else if (i < s.size() && s[i] == '.') {
    i += 1 + digits_at(i + 1);
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
    size_t exp = digits_at(i);
    if (exp == 0) return false;
    i += exp;
  }
  return i == s.size();
}

}  // namespace

Value::Kind resolve_plain_scalar(std::string_view s) {
  if (s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL") return Value::Kind::Null;
  if (s == "true" || s == "True" || s == "TRUE" || s == "false" || s == "False" || s == "FALSE") {
    return Value::Kind::Bool;
  }
  // YAML 1.2 core schema numbers: [-+]?[0-9]+, 0o[0-7]+, 0x[0-9a-fA-F]+, floats, .inf, .nan.
  char c = s[0];
  bool may_be_number = (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.';
  if (may_be_number && s.size() < 64 && is_core_schema_number(s)) return Value::Kind::Number;
  return Value::Kind::String;
}

namespace {

std::string_view token_text(fy_token* t) {
  if (!t) return {};
  size_t len = 0;
  const char* s = fy_token_get_text(t, &len);
  return s ? std::string_view(s, len) : std::string_view();
}

// libfyaml's event as ours; its offset counted from `range_offset`, where
// the text libfyaml was given starts in the part.
YamlEvent from_fyaml(fy_event* e, size_t range_offset) {
  YamlEvent out;
  const fy_mark* m = fy_event_start_mark(e);
  out.offset = m ? range_offset + static_cast<uint64_t>(m->input_pos) : kNoPosition;
  switch (e->type) {
    case FYET_DOCUMENT_START:
      out.type = YamlEventType::DocumentStart;
      break;
    case FYET_MAPPING_START:
      out.type = YamlEventType::MappingStart;
      out.anchor = token_text(e->mapping_start.anchor);
      break;
    case FYET_SEQUENCE_START:
      out.type = YamlEventType::SequenceStart;
      out.anchor = token_text(e->sequence_start.anchor);
      break;
    case FYET_MAPPING_END:
      out.type = YamlEventType::MappingEnd;
      break;
    case FYET_SEQUENCE_END:
      out.type = YamlEventType::SequenceEnd;
      break;
    case FYET_SCALAR:
      out.type = YamlEventType::Scalar;
      out.text = token_text(e->scalar.value);
      out.anchor = token_text(e->scalar.anchor);
      out.tag = token_text(e->scalar.tag);
      out.plain = fy_token_scalar_style(e->scalar.value) == FYSS_PLAIN;
      break;
    case FYET_ALIAS:
      out.type = YamlEventType::Alias;
      out.text = token_text(e->alias.anchor);
      break;
    default:
      break;
  }
  return out;
}

// Reads part[from, to) with libfyaml: with `kept`, restarted on the range,
// or else with a parser made here and left in it. False on an error, which
// `result` then holds.
bool read_range_with_libfyaml(std::string_view part, size_t from, size_t to, bool may_skip,
                              std::unique_ptr<FyamlParser>& kept, YamlValueBuilder& builder, YamlReadResult& result) {
  std::string_view range = part.substr(from, to - from);
  ++result.libfyaml_ranges;
  if (!kept || !kept->restart(range)) kept = std::make_unique<FyamlParser>(range);
  FyamlParser& parser = *kept;
  if (!parser.ok()) {
    result.ok = false;
    result.error = "cannot start the YAML parser";
    return false;
  }
  // An anchor inside a skipped field could be aliased from a field we keep:
  // skip nothing in a range that has anchors at all.
  builder.start_document(may_skip && range.find('&') == std::string_view::npos);
  while (fy_event* e = parser.next()) {
    bool document_end = e->type == FYET_DOCUMENT_END;
    bool absorbed = builder.on_event(from_fyaml(e, from));
    parser.release(e);
    if (!absorbed) {
      result.ok = false;
      result.error = builder.error();
      result.error_at = builder.lines().locate(builder.last_offset());
      return false;
    }
    if (document_end) builder.flush();
  }
  builder.flush();
  if (parser.failed()) {
    result.ok = false;
    FyamlError error = parser.first_error();
    result.error = std::move(error.message);
    if (error.line > 0) {
      // libfyaml counts lines from the start of the range, a line start.
      LineCol range_start = builder.lines().locate(builder.base() + from);
      result.error_at = LineCol{error.line + range_start.line - 1, error.column};
    } else {
      result.error_at = builder.lines().locate(builder.last_offset());
    }
    return false;
  }
  return true;
}

// Parses one part of a file: `part` starts at file offset `base`, on line/column `start`.
YamlReadResult read_yaml_part(std::string_view part, uint64_t base, LineCol start, uint32_t file_id,
                              const std::string& path, const DocumentSink& sink, YamlReadOptions options) {
  YamlReadResult result;
  auto refuse = [&](size_t offset, const char* why) {
    LineCounter lines;
    lines.reset(part, base, start);
    result.ok = false;
    result.error = why;
    result.error_at = lines.locate(base + offset);
    return result;
  };
  // YAML is UTF-8 here (go-yaml, hence kubectl, refuses anything else), and
  // libfyaml 0.7.12 loops forever on invalid UTF-8 inside a `%` directive:
  // refuse such text before the parser sees it.
  if (size_t bad = first_invalid_utf8(part); bad != kValidUtf8) {
    return refuse(bad, "invalid UTF-8 (YAML must be UTF-8 text)");
  }
  // libfyaml takes a NUL byte for the end of the text and drops what
  // follows without an error; YAML allows none.
  if (const void* nul = std::memchr(part.data(), '\0', part.size())) {
    return refuse(static_cast<size_t>(static_cast<const char*>(nul) - part.data()),
                  "a NUL byte (YAML text cannot hold one)");
  }
  YamlValueBuilder builder(file_id, path, part, base, start, sink);
  std::unique_ptr<FyamlParser> parser;  // one for every range of the part, made at the first
  // Directives apply to the documents after them: such a stream is libfyaml's whole.
  if (has_yaml_directive(part)) {
    read_range_with_libfyaml(part, 0, part.size(), options.skip_unread_fields, parser, builder, result);
    return result;
  }
  for (size_t from = 0; from < part.size();) {
    size_t next = kOutsideBlockSubset;
    if (options.engine == YamlEngine::Auto) {
      builder.start_document(options.skip_unread_fields);  // the scanner refuses anchors
      BlockScanResult scan = scan_block_document(part, from, builder);
      next = scan.next;
      result.libfyaml_disagreements += scan.libfyaml_disagreements;
    }
    if (next != kOutsideBlockSubset) {
      builder.flush();
      ++result.scanned_documents;
    } else {
      next = next_yaml_document_start(part, from);
      if (!read_range_with_libfyaml(part, from, next, options.skip_unread_fields, parser, builder, result)) {
        return result;
      }
    }
    from = next;
  }
  return result;
}

}  // namespace

YamlReadResult read_yaml(std::string_view text, uint32_t file_id, const std::string& path, const DocumentSink& sink,
                         YamlReadOptions options) {
  return read_yaml_part(text, 0, LineCol{}, file_id, path, sink, options);
}

YamlReadResult read_yaml_parallel(std::string_view text, uint32_t file_id, const std::string& path,
                                  const std::function<DocumentSink()>& sinks, unsigned parts) {
  std::vector<size_t> starts = yaml_part_starts(text, parts);
  std::vector<DocumentSink> part_sinks;
  for (size_t i = 0; i < starts.size(); ++i) part_sinks.push_back(sinks());
  std::vector<YamlReadResult> results(starts.size());
  auto parse = [&](size_t i) {
    size_t begin = starts[i];
    size_t end = i + 1 < starts.size() ? starts[i + 1] : text.size();
    std::string_view before = text.substr(0, begin);
    LineCol start{static_cast<uint32_t>(1 + std::count(before.begin(), before.end(), '\n')), 1};
    results[i] = read_yaml_part(text.substr(begin, end - begin), begin, start, file_id, path, part_sinks[i], {});
  };
  std::vector<std::thread> threads;
  for (size_t i = 1; i < starts.size(); ++i) threads.emplace_back(parse, i);
  parse(0);
  for (std::thread& t : threads) t.join();
  // The first error in file order is the one a sequential parse stops at.
  YamlReadResult all;
  for (YamlReadResult& r : results) {
    if (!r.ok) return std::move(r);
    all.scanned_documents += r.scanned_documents;
    all.libfyaml_ranges += r.libfyaml_ranges;
    all.libfyaml_disagreements += r.libfyaml_disagreements;
  }
  return all;
}

}  // namespace hybridctl::decode
