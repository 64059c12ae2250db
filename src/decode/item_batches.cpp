#include "decode/item_batches.h"

#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>

#include "decode/json_value_builder.h"

namespace hybridctl::decode {
namespace {

// Large enough that queue traffic is noise, small enough that two workers
// stay busy and memory stays a few batches.
constexpr size_t kBatchBytes = 4u << 20;

// Drops the whole pages of parsed bytes of a read-only file mapping from this
// process: they stay in the page cache and read back the same if touched
// again. Kept mapped, a 1.5 GB List counted whole in the peak RSS.
void release_mapped_pages(std::string_view bytes) {
  const uintptr_t page = static_cast<uintptr_t>(::sysconf(_SC_PAGESIZE));
  // Whole pages only: round the start up and the end down, as offsets from
  // the data's own pointer (no integer-to-pointer round trip).
  const char* data = bytes.data();
  const uintptr_t address = reinterpret_cast<uintptr_t>(data);
  const uintptr_t begin = (address + page - 1) & ~(page - 1);
  const uintptr_t end = (address + bytes.size()) & ~(page - 1);
  if (end > begin) ::madvise(const_cast<char*>(data) + (begin - address), end - begin, MADV_DONTNEED);
}

}  // namespace

ItemBatcher::ItemBatcher(uint32_t file_id, const std::string& path, ItemSinkFactory factory, unsigned threads,
                         KeyOffsets key_offsets)
    : file_id_(file_id), path_(path), factory_(std::move(factory)), key_offsets_(key_offsets) {
  // One thread means "no workers": batches are processed on the caller's thread.
  if (threads > 1) {
    for (unsigned i = 0; i < threads; ++i) workers_.emplace_back([this] { work(); });
  }
}

ItemBatcher::~ItemBatcher() {
  {
    std::lock_guard lock(mutex_);
    closing_ = true;
  }
  work_ready_.notify_all();
  for (std::thread& t : workers_) {
    if (t.joinable()) t.join();
  }
}

void ItemBatcher::add_item(std::string_view bytes, uint64_t file_offset, LineCol at, bool stable) {
  if (current_ && current_->borrowed != stable) dispatch();  // a batch is all copied or all borrowed
  if (!current_) {
    current_ = std::make_unique<Batch>();
    current_->file_offset = file_offset;
    current_->borrowed = stable;
    if (stable) {
      current_->text = std::string_view(bytes.data(), 0);
    } else {
      // A used buffer: fresh pages for every batch cost more than parsing it.
      std::lock_guard lock(mutex_);
      if (!spare_texts_.empty()) {
        current_->buffer = std::move(spare_texts_.back());
        spare_texts_.pop_back();
      } else {
        current_->buffer.reserve(kBatchBytes + (kBatchBytes >> 2));
      }
    }
  }
  size_t size;
  if (current_->borrowed) {
    size_t begin = static_cast<size_t>(bytes.data() - current_->text.data());
    current_->text = std::string_view(current_->text.data(), begin + bytes.size());
    current_->items.push_back({begin, begin + bytes.size(), at});
    size = current_->text.size();
  } else {
    size_t begin = current_->buffer.size();
    current_->buffer.append(bytes);
    current_->items.push_back({begin, current_->buffer.size(), at});
    size = current_->buffer.size();
  }
  if (size >= kBatchBytes) dispatch();
}

void ItemBatcher::dispatch() {
  if (!current_) return;
  if (!current_->borrowed) {
    // Items are parsed where they lie in the batch: the last one needs
    // simdjson's padding after it.
    current_->buffer.append(kJsonPadding, ' ');
    current_->text = current_->buffer;
  }
  current_->sink = factory_();
  Batch* batch = current_.get();
  batches_.push_back(std::move(current_));
  if (workers_.empty()) {
    process(*batch);
    return;
  }
  std::unique_lock lock(mutex_);
  // At most two batches waiting per worker: memory stays a few batches.
  slot_free_.wait(lock, [&] { return in_flight_ < 3 * workers_.size(); });
  ++in_flight_;
  queue_.push_back(batch);
  lock.unlock();
  work_ready_.notify_one();
}

void ItemBatcher::work() {
  while (true) {
    Batch* batch;
    {
      std::unique_lock lock(mutex_);
      work_ready_.wait(lock, [&] { return closing_ || !queue_.empty(); });
      if (queue_.empty()) return;
      batch = queue_.front();
      queue_.pop_front();
    }
    process(*batch);
    {
      std::lock_guard lock(mutex_);
      --in_flight_;
    }
    slot_free_.notify_one();
  }
}

void ItemBatcher::process(Batch& batch) {
  if (!failed()) {
    JsonValueBuilder builder(key_offsets_);
    LineCounter lines;
    DocumentContext ctx{file_id_, &path_, &lines};
    std::string message;
    // One tree for the batch: each item is read over the previous one, so
    // its lists and strings are mostly there already (a sink that keeps an
    // item moves it out, and the next starts afresh).
    Value item;
    for (const Batch::Item& it : batch.items) {
      uint64_t error_offset = 0;
      std::string_view text(batch.text.data() + it.begin, it.end - it.begin);
      // Positions are counted from the item's start, which the scanner
      // knows: an object at the start of its item costs no counting at all.
      lines.reset(text, batch.file_offset + it.begin, it.at);
      if (!builder.parse_in_place(text, batch.file_offset + it.begin, item, message, error_offset,
                                  FieldScope::Object)) {
        batch.failed = true;
        batch.error = std::move(message);
        batch.error_at = lines.locate(error_offset);
        failed_.store(true, std::memory_order_relaxed);
        break;
      }
      batch.sink(std::move(item), ctx);
    }
  }
  // Only the outcome is kept: a copy's buffer goes back to the pool, the sink goes.
  if (batch.borrowed) release_mapped_pages(batch.text);
  batch.text = {};
  if (!batch.borrowed) {
    batch.buffer.clear();
    std::lock_guard lock(mutex_);
    spare_texts_.push_back(std::move(batch.buffer));
  }
  std::vector<Batch::Item>().swap(batch.items);
  batch.sink = nullptr;
}

bool ItemBatcher::finish(std::string& error, LineCol& error_at) {
  dispatch();
  {
    std::lock_guard lock(mutex_);
    closing_ = true;
  }
  work_ready_.notify_all();
  for (std::thread& t : workers_) t.join();
  workers_.clear();
  for (const auto& b : batches_) {
    if (b->failed) {
      error = b->error;
      error_at = b->error_at;
      return false;
    }
  }
  return true;
}

}  // namespace hybridctl::decode
