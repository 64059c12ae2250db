#include "decode/item_batches.h"

#include <algorithm>

#include "decode/json_value_builder.h"

namespace hybridctl::decode {
namespace {

// Large enough that queue traffic is noise, small enough that two workers
// stay busy and memory stays a few batches.
constexpr size_t kBatchBytes = 4u << 20;

}  // namespace

ItemBatcher::ItemBatcher(uint32_t file_id, const std::string& path, ItemSinkFactory factory, unsigned threads)
    : file_id_(file_id), path_(path), factory_(std::move(factory)) {
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

void ItemBatcher::add_item(std::string_view bytes, uint64_t file_offset, LineCol at) {
  if (!current_) {
    current_ = std::make_unique<Batch>();
    current_->file_offset = file_offset;
    current_->start = at;
    // A used buffer: fresh pages for every batch cost more than parsing it.
    std::lock_guard lock(mutex_);
    if (!spare_texts_.empty()) {
      current_->text = std::move(spare_texts_.back());
      spare_texts_.pop_back();
    } else {
      current_->text.reserve(kBatchBytes + (kBatchBytes >> 2));
    }
  }
  size_t begin = current_->text.size();
  current_->text.append(bytes);
  current_->items.emplace_back(begin, current_->text.size());
  if (current_->text.size() >= kBatchBytes) dispatch();
}

void ItemBatcher::add_gap(std::string_view bytes) {
  if (current_) current_->text.append(bytes);
}

void ItemBatcher::dispatch() {
  if (!current_) return;
  // Items are parsed where they lie in the batch: the last one needs
  // simdjson's padding after it.
  current_->text.append(kJsonPadding, ' ');
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
    thread_local JsonValueBuilder builder;  // its scratch lists are reused
    LineCounter lines;
    lines.reset(batch.text, batch.file_offset, batch.start);
    DocumentContext ctx{file_id_, &path_, &lines};
    std::string message;
    for (auto [begin, end] : batch.items) {
      Value item;
      uint64_t error_offset = 0;
      std::string_view text(batch.text.data() + begin, end - begin);
      if (!builder.parse_in_place(text, batch.file_offset + begin, item, message, error_offset, FieldScope::Object)) {
        batch.failed = true;
        batch.error = std::move(message);
        batch.error_at = lines.locate(error_offset);
        failed_.store(true, std::memory_order_relaxed);
        break;
      }
      batch.sink(std::move(item), ctx);
    }
  }
  // Only the outcome is kept: the bytes go back to the pool, the sink goes.
  batch.text.clear();
  {
    std::lock_guard lock(mutex_);
    spare_texts_.push_back(std::move(batch.text));
  }
  std::vector<std::pair<size_t, size_t>>().swap(batch.items);
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
