// "reading core/pods: 12,500 objects" on stderr while a cluster is read,
// redrawn in place; only when stderr is a terminal and -q was not given
// (a CronJob's log gets nothing).
#pragma once

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace hybridctl::live {

class Progress final {
 public:
  Progress(std::string cluster, bool enabled);
  ~Progress();  // clears the line
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  // The resources being read: the line names the oldest still open (the
  // pods, on a large cluster), not the last small list started.
  void started(const std::string& resource);
  void finished(const std::string& resource);
  void set_total(size_t total) { total_.store(total, std::memory_order_relaxed); }
  std::atomic<size_t>& objects() { return objects_; }

 private:
  void run();
  void draw();

  std::string cluster_;
  bool enabled_;
  std::atomic<size_t> objects_{0}, done_{0}, total_{0};
  std::mutex mutex_;
  std::condition_variable wake_;
  std::vector<std::string> open_;
  bool stop_ = false;
  std::thread ticker_;
};

// True when progress should be drawn: stderr is a terminal and not quiet.
bool progress_wanted(bool quiet);

}  // namespace hybridctl::live
