// Parses and decodes the items of a streamed JSON List on several threads.
// The scanner (json_reader.cpp) finds where items start and end and hands
// them over in file order; they are grouped into batches of a few MB, each
// batch is parsed (simdjson) and passed to its own sink on a worker thread.
// Each batch gets its sink from the factory, called on the scanner's thread in
// file order, so a caller that keeps one output per batch and merges them in
// creation order gets exactly the sequential result.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "core/line_counter.h"
#include "decode/document_sink.h"
#include "decode/json_value_builder.h"

namespace hybridctl::decode {

// Called once per batch, on the scanner's thread, in file order.
using ItemSinkFactory = std::function<DocumentSink()>;

class ItemBatcher {
 public:
  ItemBatcher(uint32_t file_id, const std::string& path, ItemSinkFactory factory, unsigned threads,
              KeyOffsets key_offsets);
  ~ItemBatcher();
  ItemBatcher(const ItemBatcher&) = delete;
  ItemBatcher& operator=(const ItemBatcher&) = delete;

  // One item's bytes, starting at `file_offset`, at line/column `at`.
  // `stable`: the bytes stay where they are and unchanged until finish(),
  // with kJsonPadding readable bytes after them, and follow the previous
  // stable item in memory as they do in the file: the batch then parses
  // them where they lie instead of copying them. They must be a read-only
  // file mapping's: once parsed, their pages are dropped from the process
  // (they read back the same from the page cache if touched again).
  void add_item(std::string_view bytes, uint64_t file_offset, LineCol at, bool stable = false);
  // True once an item failed to parse: the scanner may stop early.
  bool failed() const { return failed_.load(std::memory_order_relaxed); }
  // Parses what is left and waits for the workers. Returns false with the
  // first failure in file order.
  bool finish(std::string& error, LineCol& error_at);

 private:
  struct Batch {
    // The file's bytes from the first item's start to the last item's end:
    // copied into `buffer`, or (borrowed) where the caller keeps them.
    std::string_view text;
    std::string buffer;
    bool borrowed = false;
    uint64_t file_offset = 0;
    struct Item {
      size_t begin, end;  // [begin, end) in text
      LineCol at;         // where the item starts: its objects are located from there
    };
    std::vector<Item> items;
    DocumentSink sink;
    bool failed = false;
    std::string error;
    LineCol error_at;
  };
  void dispatch();
  void process(Batch& batch);
  void work();

  uint32_t file_id_;
  const std::string& path_;
  ItemSinkFactory factory_;
  KeyOffsets key_offsets_;
  std::unique_ptr<Batch> current_;
  std::vector<std::unique_ptr<Batch>> batches_;  // every batch, in file order

  std::mutex mutex_;
  std::condition_variable work_ready_, slot_free_;
  std::deque<Batch*> queue_;
  std::vector<std::string> spare_texts_;  // emptied batch buffers, reused
  size_t in_flight_ = 0;
  bool closing_ = false;
  std::atomic<bool> failed_{false};
  std::vector<std::thread> workers_;
};

}  // namespace hybridctl::decode
