#include "decode/sources.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <deque>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>

#include "core/parallel.h"
#include "decode/duplicate_objects.h"
#include "decode/item_batches.h"
#include "decode/json_reader.h"
#include "decode/mapped_file.h"
#include "decode/model_interner.h"
#include "decode/object_decoder.h"
#include "decode/yaml_reader.h"

namespace fs = std::filesystem;

namespace hybridctl::decode {
namespace {

// Key offsets feed only the field-position table.
KeyOffsets key_offsets_for(const LoadOptions& options) {
  return options.field_positions ? KeyOffsets::Record : KeyOffsets::Skip;
}

// Below this size a YAML file is parsed on one thread: starting threads
// would cost more than they save.
constexpr size_t kParallelYamlBytes = 1u << 20;

bool has_manifest_extension(const fs::path& p) {
  std::string ext = p.extension().string();
  return ext == ".yaml" || ext == ".yml" || ext == ".json";
}

bool read_all(int fd, std::string& out, std::string& error) {
  // A regular file is read straight into a buffer of its size: growing a
  // string by appends copies a large file several times over.
  struct stat st {};
  size_t expected = ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) ? static_cast<size_t>(st.st_size) : 0;
  size_t used = out.size();
  out.resize(used + std::max<size_t>(expected + 1, 1 << 16));
  while (true) {
    if (used == out.size()) out.resize(out.size() * 2);
    ssize_t n = ::read(fd, out.data() + used, out.size() - used);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      out.resize(used);
      error = std::strerror(errno);
      return false;
    }
    if (n == 0) {
      out.resize(used);
      return true;
    }
    used += static_cast<size_t>(n);
  }
}

char first_non_space(std::string_view text) {
  size_t i = text.compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3 : 0;
  for (; i < text.size(); ++i) {
    char c = text[i];
    if (c != ' ' && c != '\n' && c != '\r' && c != '\t') return c;
  }
  return 0;
}

// Sizes the big vectors of `into` for the objects of every output at once:
// appending output after output would grow them by doubling, moving 150,000
// pods a dozen times over.
template <typename Outputs>
void reserve_for(model::Snapshot& into, const Outputs& outputs) {
  size_t nodes = 0, pods = 0, workloads = 0, services = 0, slices = 0;
  for (const auto& out : outputs) {
    nodes += out.staged.nodes.size();
    pods += out.staged.pods.size();
    workloads += out.staged.workloads.size();
    services += out.staged.services.size();
    slices += out.staged.endpoint_slices.size();
  }
  into.nodes.reserve(nodes);
  into.pods.reserve(pods);
  into.workloads.reserve(workloads);
  into.services.reserve(services);
  into.endpoint_slices.reserve(slices);
}

class FileLoader {
 public:
  FileLoader(model::Snapshot& snapshot, Diagnostics& diagnostics, const LoadOptions& options = {})
      : snapshot_(snapshot), diagnostics_(diagnostics), options_(options) {}

  void load(const std::string& path);
  void load_json_fd(int fd, const std::string& display, Value* list_root);

 private:
  uint32_t register_file(const std::string& path) {
    snapshot_.files.push_back(path);
    return static_cast<uint32_t>(snapshot_.files.size() - 1);
  }
  void load_json_stream(int fd, const std::string& path, uint32_t id, Value* list_root = nullptr);
  void load_text(std::string_view text, const std::string& path, uint32_t id, bool json);
  void fail(const std::string& path, LineCol at, const std::string& message) {
    diagnostics_.error(Location{path, at.line, at.column}, message);
  }
  // Adopts the staged objects of a file that parsed.
  void commit(model::Snapshot& staged, Diagnostics& staged_diagnostics) {
    snapshot_.absorb(std::move(staged));
    diagnostics_.append(staged_diagnostics);
  }

  model::Snapshot& snapshot_;
  Diagnostics& diagnostics_;
  LoadOptions options_;
};

void FileLoader::load(const std::string& path) {
  bool is_stdin = path == "-";
  std::string display = is_stdin ? "<stdin>" : path;
  int fd = is_stdin ? 0 : ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    diagnostics_.error(Location{display}, std::string("cannot open: ") + std::strerror(errno));
    return;
  }
  uint32_t id = register_file(display);
  bool json_by_name = fs::path(path).extension() == ".json";
  if (json_by_name && !is_stdin) {
    load_json_stream(fd, display, id);
    ::close(fd);
    return;
  }
  // A regular file is mapped, not copied: the parsers read it where the page
  // cache holds it. Pipes, stdin and files that report no size are read.
  MappedFile mapped(fd);
  std::string read_text, error;
  if (!mapped.ok()) {
    bool ok = read_all(fd, read_text, error);
    if (!ok) {
      if (!is_stdin) ::close(fd);
      diagnostics_.error(Location{display}, "cannot read: " + error);
      return;
    }
  }
  if (!is_stdin) ::close(fd);
  std::string_view text = mapped.ok() ? mapped.text() : std::string_view(read_text);
  char first = first_non_space(text);
  if (first == 0) {
    diagnostics_.note(Location{display}, "empty file: no Kubernetes objects");
    return;
  }
  load_text(text, display, id, first == '{' || first == '[');
}

void FileLoader::load_json_fd(int fd, const std::string& display, Value* list_root) {
  load_json_stream(fd, display, register_file(display), list_root);
}

void FileLoader::load_json_stream(int fd, const std::string& path, uint32_t id, Value* list_root) {
  // Items are decoded on worker threads, one output per batch of items,
  // merged below in file order: the result is the sequential one.
  struct BatchOutput {
    model::Snapshot staged;
    Diagnostics diagnostics;
    ModelInterner interner;
    // Items without a kind wait for the List's kind (a raw API PodList).
    std::vector<std::pair<Value, LineCol>> kindless;
  };
  std::deque<BatchOutput> outputs;  // a deque: earlier outputs never move
  auto item_sinks = [&outputs, options = options_]() -> DocumentSink {
    BatchOutput& out = outputs.emplace_back();
    return [&out, options](Value&& item, const DocumentContext& ctx) {
      if (item.is_object() && !item.get("kind")) {
        LineCol at = ctx.lines->locate(item.offset());
        out.kindless.emplace_back(std::move(item), at);
        return;
      }
      ObjectDecoder(out.staged, out.diagnostics, options).decode_item(item, ctx);
      out.interner.intern_new(out.staged);
    };
  };
  std::optional<Value> root;
  // A single object (no `items`) is decoded while the reader's line window
  // still holds its bytes, so its errors point at the value, not at 1:1.
  model::Snapshot single;
  Diagnostics single_diagnostics;
  auto root_sink = [&](Value&& r, const DocumentContext& ctx) {
    if (!r.get("items")) {
      ObjectDecoder(single, single_diagnostics, options_).decode_document(r, ctx);
      return;
    }
    root = std::move(r);
  };
  JsonReadResult r = read_json_stream(fd, id, path, item_sinks, root_sink, worker_threads(), key_offsets_for(options_));
  if (!r.ok) {
    fail(path, r.error_at, r.error);
    return;
  }
  if (r.empty) {
    diagnostics_.note(Location{path}, "empty file: no Kubernetes objects");
    return;
  }
  model::Snapshot staged;
  Diagnostics staged_diagnostics;
  std::vector<std::pair<Value, LineCol>> kindless;
  reserve_for(staged, outputs);
  for (BatchOutput& out : outputs) {
    staged.absorb(std::move(out.staged));
    staged_diagnostics.append(out.diagnostics);
    for (auto& k : out.kindless) kindless.push_back(std::move(k));
  }
  outputs.clear();
  staged.absorb(std::move(single));
  staged_diagnostics.append(single_diagnostics);
  ObjectDecoder decoder(staged, staged_diagnostics, options_);
  std::string item_kind;  // what a List names its kindless items
  if (root) {
    const Value* kind = root->get("kind");
    std::string k = kind && kind->is_scalar() ? kind->text() : "";
    if (!k.ends_with("List")) {
      // An `items` member of something else: read the file whole.
      if (::lseek(fd, 0, SEEK_SET) != 0) {
        diagnostics_.error(Location{path}, "cannot re-read the file");
        return;
      }
      std::string text, error;
      if (!read_all(fd, text, error)) {
        diagnostics_.error(Location{path}, "cannot read: " + error);
        return;
      }
      load_text(text, path, id, true);
      return;
    }
    item_kind = k == "List" ? "" : k.substr(0, k.size() - 4);
    if (list_root) *list_root = *root;
  }
  // Kindless items take their List's kind; those of a top-level array (no
  // List) are reported like any document without `kind`, never dropped silently.
  ModelInterner kindless_interner;  // a raw API PodList's pods share their parts too
  kindless_interner.skip_existing(staged);
  for (auto& [item, at] : kindless) {
    LineCounter lc;
    lc.reset({}, item.offset(), at);
    DocumentContext item_ctx{id, &path, &lc};
    decoder.decode_item(item, item_ctx, item_kind);
    kindless_interner.intern_new(staged);
  }
  commit(staged, staged_diagnostics);
}

void FileLoader::load_text(std::string_view text, const std::string& path, uint32_t id, bool json) {
  model::Snapshot staged;
  Diagnostics staged_diagnostics;
  ObjectDecoder decoder(staged, staged_diagnostics, options_);
  ModelInterner interner;
  auto sink = [&](Value&& root, const DocumentContext& ctx) {
    decoder.decode_document(root, ctx);
    interner.intern_new(staged);
  };
  if (json) {
    JsonReadResult r = read_json_text(text, id, path, sink, key_offsets_for(options_));
    if (!r.ok) {
      // A .yaml file (or stdin) that opens with `{` or `[` may be flow-style
      // YAML, which is not JSON: read it as YAML before calling it broken.
      bool yaml_by_name = path.ends_with(".yaml") || path.ends_with(".yml");
      if (path.ends_with(".json")) return fail(path, r.error_at, r.error);
      model::Snapshot yaml_staged;
      Diagnostics yaml_diagnostics;
      ObjectDecoder yaml_decoder(yaml_staged, yaml_diagnostics, options_);
      YamlReadResult y = read_yaml(
          text, id, path, [&](Value&& root, const DocumentContext& ctx) { yaml_decoder.decode_document(root, ctx); });
      if (y.ok) return commit(yaml_staged, yaml_diagnostics);
      // Neither: report in the format the name says (stdin: JSON, as it looks).
      return yaml_by_name ? fail(path, y.error_at, y.error) : fail(path, r.error_at, r.error);
    }
  } else {
    // Large streams are parsed in parts on several threads, one output per
    // part, merged in file order below.
    struct PartOutput {
      model::Snapshot staged;
      Diagnostics diagnostics;
      ModelInterner interner;
    };
    std::deque<PartOutput> outputs;
    auto part_sinks = [&outputs, options = options_]() -> DocumentSink {
      PartOutput& out = outputs.emplace_back();
      return [&out, options](Value&& root, const DocumentContext& ctx) {
        ObjectDecoder(out.staged, out.diagnostics, options).decode_document(root, ctx);
        out.interner.intern_new(out.staged);
      };
    };
    unsigned parts = text.size() >= kParallelYamlBytes ? worker_threads() : 1;
    YamlReadResult r = read_yaml_parallel(text, id, path, part_sinks, parts);
    reserve_for(staged, outputs);
    for (PartOutput& out : outputs) {
      staged.absorb(std::move(out.staged));
      staged_diagnostics.append(out.diagnostics);
    }
    if (!r.ok) {
      if (looks_like_template(text)) {
        diagnostics_.note(Location{path}, "skipped: a Helm template (render it with `helm template` first)");
        return;
      }
      return fail(path, r.error_at, r.error);
    }
  }
  commit(staged, staged_diagnostics);
}

void collect_directory(const fs::path& dir, std::vector<std::string>& files, Diagnostics& diagnostics) {
  std::vector<fs::path> entries;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec)) entries.push_back(e.path());
  if (ec) {
    diagnostics.error(Location{dir.string()}, "cannot list: " + ec.message());
    return;
  }
  std::sort(entries.begin(), entries.end());
  if (fs::exists(dir / "Chart.yaml")) {
    diagnostics.note(Location{dir.string()}, "skipped: a Helm chart (render it with `helm template` first)");
    return;
  }
  for (const fs::path& p : entries) {
    std::string name = p.filename().string();
    if (!name.empty() && name[0] == '.') continue;
    if (fs::is_directory(p, ec)) {
      collect_directory(p, files, diagnostics);
    } else if (has_manifest_extension(p)) {
      files.push_back(p.string());
    }
  }
}

}  // namespace

bool looks_like_template(std::string_view text) {
  char quote = 0;
  for (size_t i = 0; i + 1 < text.size(); ++i) {
    char c = text[i];
    if (c == '\n') quote = 0;  // quoted scalars in manifests do not span lines
    if (quote) {
      if (c == quote) quote = 0;
      continue;
    }
    if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '#') {
      while (i < text.size() && text[i] != '\n') ++i;
    } else if (c == '{' && text[i + 1] == '{') {
      return true;
    }
  }
  return false;
}

void load_file(const std::string& path, model::Snapshot& snapshot, Diagnostics& diagnostics,
               const LoadOptions& options) {
  FileLoader(snapshot, diagnostics, options).load(path);
}

void load_json_fd(int fd, const std::string& display, model::Snapshot& snapshot, Diagnostics& diagnostics,
                  Value* list_root) {
  FileLoader(snapshot, diagnostics).load_json_fd(fd, display, list_root);
}

void load_sources(const std::vector<std::string>& inputs, model::Snapshot& snapshot, Diagnostics& diagnostics,
                  const LoadOptions& options) {
  FileLoader loader(snapshot, diagnostics, options);
  for (const std::string& input : inputs) {
    std::error_code ec;
    if (input != "-" && fs::is_directory(input, ec)) {
      std::vector<std::string> files;
      collect_directory(input, files, diagnostics);
      for (const std::string& f : files) loader.load(f);
    } else {
      loader.load(input);
    }
  }
  // After the last input (a --cluster-profile is read before the sources):
  // an object given twice is one object.
  merge_duplicate_objects(snapshot, diagnostics);
}

}  // namespace hybridctl::decode
