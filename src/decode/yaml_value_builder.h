// Builds the Values of a YAML stream's documents from parse events
// (yaml_event.h): keys and scalars, anchors and aliases (with the expansion
// bounded), `<<` merge keys, duplicate keys refused, nesting bounded, and
// the fields no rule reads consumed without being built (skipped_fields.h).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "core/line_counter.h"
#include "decode/document_sink.h"
#include "decode/skipped_fields.h"
#include "decode/yaml_event.h"

namespace hybridctl::decode {

class YamlValueBuilder final : public YamlEventHandler {
 public:
  // `text` is the part of the file being read, starting at file offset
  // `base` on line/column `start`; events' offsets count from its start.
  YamlValueBuilder(uint32_t file_id, const std::string& path, std::string_view text, uint64_t base, LineCol start,
                   const DocumentSink& sink);

  // Begins a document, forgetting one partly built: the block scanner gives
  // up mid-document on YAML outside its subset, and libfyaml reads the
  // document again. `may_skip`: whether unread fields may be consumed
  // without being built, which is wrong when an anchor inside one could be
  // aliased from a field we keep.
  void start_document(bool may_skip);

  bool on_event(const YamlEvent& e) override;

  // Hands the documents completed since the last call to the sink. Until
  // then they are held, so that a document the block scanner completes and
  // then finds followed by YAML it does not read is not handed twice.
  void flush();

  // Why on_event refused an event.
  const std::string& error() const { return error_; }
  // The file offset of the last event absorbed or refused.
  uint64_t last_offset() const { return last_offset_; }
  LineCounter& lines() { return lines_; }
  uint64_t base() const { return base_; }

 private:
  struct Frame {
    Value value;
    std::string anchor;
    bool have_key = false;
    std::string key;
    uint64_t key_offset = 0;    // file offset of `key`, given to the member's value (Value::key_offset)
    std::vector<Value> merges;  // sources of `<<` merge keys, applied at mapping end
    std::unique_ptr<std::unordered_set<std::string>> seen;  // built once a mapping grows large
    FieldScope scope = FieldScope::Object;                  // where this node sits (skipped_fields.h)
  };

  std::string absorb(const YamlEvent& e);
  Value::Kind scalar_kind(const YamlEvent& e) const;
  Value make_scalar(const YamlEvent& e);
  bool awaits_key() const { return !stack_.empty() && stack_.back().value.is_object() && !stack_.back().have_key; }
  std::string place_key(const YamlEvent& e);
  void set_key(std::string key, uint64_t offset);
  std::string open(Value v, std::string_view anchor);
  FieldScope child_scope() const;
  std::string skip(const YamlEvent& e);
  std::string close();
  static void merge_into(Value& target, const Value& src);
  std::string alias(const YamlEvent& e);
  std::string place(Value v, std::string_view anchor);
  static bool is_duplicate(Frame& f);

  const DocumentSink& sink_;
  uint64_t base_;
  bool may_skip_ = false;
  int skip_depth_ = -1;  // >= 0 while a skipped value is consumed: its open containers
  DocumentContext ctx_;
  LineCounter lines_;
  std::vector<Frame> stack_;
  std::unordered_map<std::string, std::pair<Value, size_t>> anchors_;
  size_t alias_nodes_ = 0;  // over the whole text: an alias bomb may spread over documents
  uint64_t last_offset_ = 0;
  uint64_t last_position_ = 0;  // of the last node the text shows: an empty node's position
  std::vector<Value> done_;
  std::string error_;
};

}  // namespace hybridctl::decode
