#include "fix/splice_file.h"

#include <cstdlib>

#include "decode/json_value_builder.h"
#include "decode/yaml_reader.h"
#include "decode/yaml_stream_split.h"
#include "fix/splice_json.h"
#include "fix/splice_patch.h"
#include "fix/splice_yaml.h"

namespace hybridctl::fix {
namespace {

// One document of the file: its text and its data (null for an empty document).
struct Document {
  std::string text;
  Value data;
  bool empty = true;
  uint32_t first_line = 1;  // the file line the document's text starts on
};

bool parse_yaml(std::string_view text, std::vector<Value>& out, std::string& error) {
  out.clear();
  decode::YamlReadOptions options;
  options.skip_unread_fields = false;
  static const std::string kPath = "splice";
  decode::YamlReadResult r = decode::read_yaml(
      text, 0, kPath, [&](Value&& v, const decode::DocumentContext&) { out.push_back(std::move(v)); }, options);
  if (!r.ok) error = r.error;
  return r.ok;
}

bool parse_json(std::string_view text, Value& out, std::string& error) {
  decode::JsonValueBuilder builder;
  uint64_t at = 0;
  return builder.parse(text, 0, out, error, at, decode::FieldScope::Other);
}

bool reparse(bool json, std::string_view text, Value& out, bool& empty, std::string& error) {
  if (json) {
    empty = false;
    return parse_json(text, out, error);
  }
  std::vector<Value> docs;
  if (!parse_yaml(text, docs, error)) return false;
  if (docs.size() > 1) {
    error = "one document became several";
    return false;
  }
  empty = docs.empty();
  if (!empty) out = std::move(docs[0]);
  return true;
}

uint32_t line_of(std::string_view text, uint64_t offset) {
  uint32_t line = 1;
  for (size_t i = 0; i < offset && i < text.size(); ++i) line += text[i] == '\n';
  return line;
}

bool is_target(const Value& v, const model::ObjectRef& t) {
  const Value* kind = v.get("kind");
  const Value* api = v.get("apiVersion");
  const Value* name = v.at({"metadata", "name"});
  const Value* ns = v.at({"metadata", "namespace"});
  if (!kind || kind->text() != t.kind || !name || name->text() != t.name) return false;
  if (api && !t.api_version.empty() && api->text() != t.api_version) return false;
  return !ns || ns->is_null() || ns->text() == t.ns;
}

// Every place in `v` (a document, or Lists inside it) that holds the target.
void find_objects(const Value& v, const model::ObjectRef& t, std::vector<std::string>& path,
                  std::vector<std::pair<std::vector<std::string>, uint64_t>>& out) {
  if (!v.is_object()) return;
  if (is_target(v, t)) out.emplace_back(path, v.offset());
  const Value* kind = v.get("kind");
  const Value* items = v.get("items");
  if (kind && kind->text().ends_with("List") && items && items->is_array()) {
    path.push_back("items");
    for (size_t i = 0; i < items->items().size(); ++i) {
      path.push_back(std::to_string(i));
      find_objects(items->items()[i], t, path, out);
      path.pop_back();
    }
    path.pop_back();
  }
}

Value* at_path(Value& v, const std::vector<std::string>& path) {
  Value* p = &v;
  for (const std::string& t : path) {
    p = child(*p, t);
    if (!p) return nullptr;
  }
  return p;
}

bool split_documents(std::string_view text, bool json, std::vector<Document>& docs, std::string& error) {
  if (json) {
    Document d;
    d.text = std::string(text);
    if (!parse_json(text, d.data, error)) return false;
    d.empty = false;
    docs.push_back(std::move(d));
    return true;
  }
  size_t start = 0;
  while (start < text.size() || docs.empty()) {
    size_t next = decode::next_yaml_document_start(text, start);
    // A document is cut before the *next* marker, never before its own.
    if (next == start && start < text.size()) next = decode::next_yaml_document_start(text, start + 1);
    Document d;
    d.text = std::string(text.substr(start, next - start));
    d.first_line = line_of(text, start);
    std::vector<Value> values;
    if (!parse_yaml(d.text, values, error)) return false;
    if (values.size() > 1) {
      error = "a document the splitter did not separate";
      return false;
    }
    d.empty = values.empty();
    if (!d.empty) d.data = std::move(values[0]);
    docs.push_back(std::move(d));
    if (next >= text.size()) break;
    start = next;
  }
  return true;
}

// Applies one patch to one document; on any failure the document is left as it was.
bool apply_to_document(Document& doc, bool json, const std::vector<std::string>& object_path,
                       const std::vector<PatchOp>& ops, const YamlStyle& style, std::string& error) {
  std::string text = doc.text;
  Value data = doc.data;
  for (const PatchOp& op : ops) {
    Value* object = at_path(data, object_path);
    if (!object) {
      error = "the object moved";
      return false;
    }
    Value before = data;
    if (!apply_patch_op(*object, op, error)) return false;
    bool ok = json ? splice_json_op(text, before, object_path, op, error)
                   : splice_yaml_op(text, before, object_path, op, style, error);
    if (!ok) return false;
  }
  Value reread;
  bool empty = false;
  std::string parse_error;
  if (!reparse(json, text, reread, empty, parse_error)) {
    error = "the spliced text does not parse (" + parse_error + ")";
    return false;
  }
  if (empty || !same_data(reread, data)) {
    error = "the spliced text does not read back as the patched object";
    return false;
  }
  doc.text = std::move(text);
  doc.data = std::move(data);
  return true;
}

}  // namespace

bool looks_like_json(std::string_view text) {
  size_t p = text.find_first_not_of(" \n\r\t");
  return p != std::string_view::npos && (text[p] == '{' || text[p] == '[');
}

SpliceOutcome splice_file(std::string_view text, const std::vector<SplicePatch>& patches) {
  SpliceOutcome out;
  out.text = std::string(text);
  auto refuse_all = [&](const std::string& reason) {
    out.applied.clear();
    out.refused.clear();
    for (size_t i = 0; i < patches.size(); ++i) out.refused.push_back({i, reason});
    out.text = std::string(text);
    return out;
  };
  bool json = looks_like_json(text);
  if (!json) {
    std::string why = yaml_file_refusal(text);
    if (!why.empty()) return refuse_all(why);
  } else if (text.find('\r') != std::string_view::npos) {
    return refuse_all("CRLF line endings");
  }
  std::vector<Document> docs;
  std::string error;
  if (!split_documents(text, json, docs, error)) return refuse_all("it does not parse: " + error);
  YamlStyle style = json ? YamlStyle{} : detect_yaml_style(text);
  std::vector<std::string> original_texts;
  original_texts.reserve(docs.size());
  for (const Document& d : docs) original_texts.push_back(d.text);
  for (size_t i = 0; i < patches.size(); ++i) {
    const SplicePatch& p = patches[i];
    std::vector<PatchOp> ops;
    if (!parse_json_patch(p.patch, ops, error)) {
      out.refused.push_back({i, "the patch: " + error});
      continue;
    }
    // The object: by identity, the nearest to its recorded line when several match.
    size_t best_doc = docs.size();
    std::vector<std::string> best_path;
    uint32_t best_distance = UINT32_MAX;
    for (size_t d = 0; d < docs.size(); ++d) {
      if (docs[d].empty) continue;
      std::vector<std::string> path;
      std::vector<std::pair<std::vector<std::string>, uint64_t>> found;
      find_objects(docs[d].data, p.target, path, found);
      for (auto& [object_path, offset] : found) {
        uint32_t line = docs[d].first_line + line_of(docs[d].text, offset) - 1;
        uint32_t distance = p.line == 0 ? 0 : static_cast<uint32_t>(std::abs(static_cast<int64_t>(line) - p.line));
        if (distance < best_distance) {
          best_distance = distance;
          best_doc = d;
          best_path = object_path;
        }
      }
    }
    if (best_doc == docs.size()) {
      out.refused.push_back({i, "the object is not in this file"});
      continue;
    }
    if (!json) {
      std::string why = yaml_document_refusal(docs[best_doc].text);
      if (!why.empty()) {
        out.refused.push_back({i, why});
        continue;
      }
    }
    if (!apply_to_document(docs[best_doc], json, best_path, ops, style, error)) {
      out.refused.push_back({i, error});
      continue;
    }
    out.applied.push_back(i);
  }
  if (out.applied.empty()) {
    out.text = std::string(text);
    return out;
  }
  std::string result;
  for (const Document& d : docs) result += d.text;
  // The proof for the whole file: it cuts into the same documents, each
  // untouched one byte for byte and each edited one reading back as its data.
  if (!json) {
    size_t start = 0;
    for (size_t d = 0; d < docs.size(); ++d) {
      size_t next = d + 1 < docs.size() ? decode::next_yaml_document_start(result, start) : result.size();
      std::string_view piece = std::string_view(result).substr(start, next - start);
      if (piece != docs[d].text) return refuse_all("the spliced file does not cut into the same documents");
      start = next;
    }
    if (start != result.size()) return refuse_all("the spliced file does not cut into the same documents");
  }
  for (size_t d = 0; d < docs.size(); ++d) {
    if (docs[d].text == original_texts[d]) continue;
    Value reread;
    bool empty = false;
    if (!reparse(json, json ? std::string_view(result) : std::string_view(docs[d].text), reread, empty, error) ||
        empty != docs[d].empty || (!empty && !same_data(reread, docs[d].data))) {
      return refuse_all("the spliced file does not read back as the patched objects");
    }
  }
  out.text = std::move(result);
  return out;
}

}  // namespace hybridctl::fix
