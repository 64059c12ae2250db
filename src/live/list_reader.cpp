#include "live/list_reader.h"

#include <sys/mman.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "decode/json_reader.h"
#include "decode/sources.h"

namespace hybridctl::live {
namespace {

// A page's bytes in an anonymous memory file: decode/ maps it as it maps a
// .json file and parses the items where they lie. One file serves every page
// of a list, overwritten in place: its memory pages stay allocated from one
// page to the next (a fresh file per page cost a page fault per 4 KB), and
// bytes are staged into 1 MB writes (the HTTP library hands over 4 KB).
class PageBuffer {
 public:
  PageBuffer() : fd_(::memfd_create("hybridctl-page", MFD_CLOEXEC)) { staged_.reserve(kStage); }
  ~PageBuffer() {
    if (fd_ >= 0) ::close(fd_);
  }
  PageBuffer(const PageBuffer&) = delete;
  PageBuffer& operator=(const PageBuffer&) = delete;

  bool ok() const { return fd_ >= 0; }
  int fd() const { return fd_; }
  // Starts a new page over the previous one.
  void reset() {
    size_ = 0;
    staged_.clear();
  }
  bool append(std::string_view bytes) {
    staged_.append(bytes);
    return staged_.size() < kStage || flush();
  }
  // Ends the page: the file holds exactly its bytes, read from offset 0.
  bool finish() {
    if (!flush() || ::ftruncate(fd_, static_cast<off_t>(size_)) != 0) return false;
    rewind();
    return true;
  }
  void rewind() { ::lseek(fd_, 0, SEEK_SET); }

 private:
  static constexpr size_t kStage = 1 << 20;
  bool flush() {
    std::string_view rest = staged_;
    while (!rest.empty()) {
      ssize_t n = ::pwrite(fd_, rest.data(), rest.size(), static_cast<off_t>(size_));
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return false;
      rest.remove_prefix(static_cast<size_t>(n));
      size_ += static_cast<size_t>(n);
    }
    staged_.clear();
    return true;
  }

  int fd_;
  size_t size_ = 0;
  std::string staged_;
};

std::string one_line(std::string s) {
  for (char& c : s) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  while (!s.empty() && s.back() == ' ') s.pop_back();
  return s;
}

enum class PageStatus { Decoded, Gone, Stop };

}  // namespace

std::string status_message(const std::string& body) {
  std::string message;
  decode::read_json_text(body, 0, "status", [&](Value&& v, const decode::DocumentContext&) {
    if (const Value* m = v.get("message"); m && m->is_scalar()) message = m->text();
  });
  if (message.empty()) message = body.substr(0, 300);
  return one_line(message);
}

std::string collection_path(const ResourceSpec& spec, const std::string& version) {
  std::string base = spec.group.empty() ? "/api/" + version : "/apis/" + spec.group + "/" + version;
  return base + "/" + spec.resource;
}

namespace {

class ResourceReader {
 public:
  ResourceReader(net::HttpClient& client, const ResourceSpec& spec, const std::string& version,
                 const ListOptions& options)
      : client_(client), spec_(spec), version_(version), options_(options) {}

  ResourceRead read() {
    if (!spec_.by_name.empty()) {
      read_by_name();
    } else {
      read_list();
    }
    return std::move(result_);
  }

 private:
  // Sets the outcome for a non-2xx or failed exchange; false if it was one.
  bool check(const net::HttpResponse& response, const std::string& verb, const std::string& what) {
    if (!response.transport_error.empty()) {
      result_.outcome = ReadOutcome::Failed;
      result_.message = "reading " + what + ": " + response.transport_error;
      return false;
    }
    if (response.ok()) return true;
    if (response.status == 403) {
      result_.outcome = ReadOutcome::Forbidden;
      result_.verb = verb;
      result_.message = status_message(response.error_body);
    } else if (response.status == 404 && verb == "list") {
      result_.outcome = ReadOutcome::Absent;
    } else {
      result_.outcome = ReadOutcome::Failed;
      result_.message = "reading " + what + ": the API server answered " + std::to_string(response.status) + ": " +
                        status_message(response.error_body);
    }
    return false;
  }

  // One GET into a page buffer, decoded into the result; the list's next
  // continue token in `next`.
  PageStatus fetch_page(const std::string& target, const std::string& verb, const std::string& what,
                        std::string* next) {
    PageBuffer& page = page_;
    page.reset();
    if (!page.ok()) {
      result_.outcome = ReadOutcome::Failed;
      result_.message = std::string("cannot buffer a page: ") + std::strerror(errno);
      return PageStatus::Stop;
    }
    bool buffered = true;
    net::HttpResponse response = client_.get(target, [&](std::string_view chunk) {
      buffered = page.append(chunk);
      return buffered;
    });
    if (buffered && response.ok()) buffered = page.finish();
    if (!buffered) {
      result_.outcome = ReadOutcome::Failed;
      result_.message = "reading " + what + ": cannot buffer the page (out of memory?)";
      return PageStatus::Stop;
    }
    if (response.status == 410 && next && !next->empty()) return PageStatus::Gone;
    // A named object that does not exist is simply not in the cluster.
    if (verb == "get" && response.transport_error.empty() && response.status == 404) return PageStatus::Decoded;
    if (!check(response, verb, what)) return PageStatus::Stop;
    size_t before = result_.snapshot.object_count();
    Value root;
    decode::load_json_fd(page.fd(), options_.source_name, result_.snapshot, result_.diagnostics, &root);
    size_t decoded = result_.snapshot.object_count() - before;
    result_.objects += decoded;
    if (options_.object_counter) options_.object_counter->fetch_add(decoded, std::memory_order_relaxed);
    ++result_.pages;
    if (options_.recorder) {
      page.rewind();
      options_.recorder->page(page.fd());
    }
    if (next) {
      const Value* token = root.at({"metadata", "continue"});
      *next = token && token->is_scalar() ? token->text() : "";
    }
    return PageStatus::Decoded;
  }

  void read_list() {
    const std::string path = collection_path(spec_, version_);
    const std::string what = resource_label(spec_);
    while (true) {
      std::string token;
      size_t page_number = 0;
      PageStatus status = PageStatus::Decoded;
      do {
        std::string target = path + "?limit=" + std::to_string(options_.page_size);
        if (!token.empty()) target += "&continue=" + net::query_escape(token);
        ++page_number;
        status = fetch_page(target, "list", what + " (page " + std::to_string(page_number) + ")", &token);
      } while (status == PageStatus::Decoded && !token.empty());
      if (status != PageStatus::Gone) return;
      // The continue token expired (etcd compacted past its revision): the
      // pages so far are of an older revision, so the whole list starts over
      // rather than mixing two snapshots of the cluster.
      if (result_.restarts >= options_.max_restarts) {
        result_.outcome = ReadOutcome::Failed;
        result_.message = "reading " + what + ": the continue token expired " + std::to_string(result_.restarts + 1) +
                          " times (410 Gone); the cluster changes faster than it can be listed";
        return;
      }
      ++result_.restarts;
      if (options_.object_counter) options_.object_counter->fetch_sub(result_.objects, std::memory_order_relaxed);
      result_.snapshot = model::Snapshot{};
      result_.diagnostics = Diagnostics{};
      result_.objects = 0;
      result_.pages = 0;
      if (options_.recorder) options_.recorder->restart();
    }
  }

  void read_by_name() {
    for (const std::string& ref : spec_.by_name) {
      size_t slash = ref.find('/');
      std::string ns = ref.substr(0, slash), name = ref.substr(slash + 1);
      std::string base = spec_.group.empty() ? "/api/" + version_ : "/apis/" + spec_.group + "/" + version_;
      std::string target = base + "/namespaces/" + ns + "/" + spec_.resource + "/" + name;
      if (fetch_page(target, "get", resource_label(spec_) + " " + ref, nullptr) == PageStatus::Stop) return;
    }
  }

  net::HttpClient& client_;
  const ResourceSpec& spec_;
  const std::string& version_;
  const ListOptions& options_;
  PageBuffer page_;
  ResourceRead result_;
};

}  // namespace

ResourceRead read_resource(net::HttpClient& client, const ResourceSpec& spec, const std::string& version,
                           const ListOptions& options) {
  return ResourceReader(client, spec, version, options).read();
}

}  // namespace hybridctl::live
