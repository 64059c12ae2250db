#include "live/progress.h"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>

namespace hybridctl::live {

bool progress_wanted(bool quiet) { return !quiet && ::isatty(STDERR_FILENO); }

Progress::Progress(std::string cluster, bool enabled) : cluster_(std::move(cluster)), enabled_(enabled) {
  if (enabled_) ticker_ = std::thread([this] { run(); });
}

Progress::~Progress() {
  if (!enabled_) return;
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  ticker_.join();
  std::fputs("\r\033[K", stderr);
  std::fflush(stderr);
}

void Progress::started(const std::string& resource) {
  if (!enabled_) return;
  std::lock_guard lock(mutex_);
  open_.push_back(resource);
}

void Progress::finished(const std::string& resource) {
  done_.fetch_add(1, std::memory_order_relaxed);
  if (!enabled_) return;
  std::lock_guard lock(mutex_);
  auto it = std::find(open_.begin(), open_.end(), resource);
  if (it != open_.end()) open_.erase(it);
}

void Progress::run() {
  std::unique_lock lock(mutex_);
  while (!stop_) {
    draw();  // at once, then five times a second
    wake_.wait_for(lock, std::chrono::milliseconds(200));
  }
}

void Progress::draw() {
  // Called with mutex_ held.
  std::string line = "\r\033[Kreading " + (cluster_.empty() ? std::string() : cluster_ + " ") +
                     (open_.empty() ? "" : open_.front()) + ": " +
                     std::to_string(objects_.load(std::memory_order_relaxed)) + " objects (" +
                     std::to_string(done_.load(std::memory_order_relaxed)) + "/" +
                     std::to_string(total_.load(std::memory_order_relaxed)) + " resources)";
  std::fputs(line.c_str(), stderr);
  std::fflush(stderr);
}

}  // namespace hybridctl::live
