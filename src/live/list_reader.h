// Reads one resource of the table through an HTTP client: a paged list
// (`limit`/`continue`), or the named objects of a by-name entry. Each page
// is decoded by decode/ as soon as it has arrived, exactly as a .json file
// (a page is a List), while the next one is requested.
#pragma once

#include <atomic>
#include <cstddef>
#include <functional>
#include <string>

#include "core/diagnostic.h"
#include "live/resource_table.h"
#include "model/snapshot.h"
#include "net/http_client.h"

namespace hybridctl::live {

enum class ReadOutcome {
  Read,       // every page decoded
  Absent,     // 404: the resource is not served (a CRD not installed)
  Forbidden,  // 403: RBAC denies the verb
  Failed,     // a transport error, an unexpected status, an undecodable page
};

struct ResourceRead {
  ReadOutcome outcome = ReadOutcome::Read;
  std::string message;  // Failed / Forbidden: why, for the user
  std::string verb;     // Forbidden: the verb denied ("list" or "get")
  model::Snapshot snapshot;
  Diagnostics diagnostics;
  size_t objects = 0;
  size_t pages = 0;
  int restarts = 0;  // lists restarted after a 410 Gone continue token
};

// Keeps each complete page, for --save: `page` gets a file descriptor of the
// page's bytes (read it from offset 0); `restart` discards every page so far
// (the list restarts after a 410).
struct PageRecorder {
  std::function<void()> restart;
  std::function<void(int fd)> page;
};

struct ListOptions {
  size_t page_size = 500;  // kubectl's own chunk size
  int max_restarts = 3;
  std::string source_name;                        // "CONTEXT/core/pods": how positions name the page
  std::atomic<size_t>* object_counter = nullptr;  // progress
  PageRecorder* recorder = nullptr;
};

// The URL path of a resource's collection ("/apis/apps/v1/deployments").
std::string collection_path(const ResourceSpec& spec, const std::string& version);

ResourceRead read_resource(net::HttpClient& client, const ResourceSpec& spec, const std::string& version,
                           const ListOptions& options);

// The `message` of a Kubernetes Status body, or the body itself, on one line.
std::string status_message(const std::string& body);

}  // namespace hybridctl::live
