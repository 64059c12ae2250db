// The inputs of a run: files, directories (recursive) and `-` for standard
// input, each decoded all-or-nothing into the snapshot.
#pragma once

#include <string>
#include <vector>

#include "core/diagnostic.h"
#include "core/value.h"
#include "decode/load_options.h"
#include "model/snapshot.h"

namespace hybridctl::decode {

// Reads every input into `snapshot`. A file that cannot be parsed adds an
// error and contributes no object; other files are still read.
void load_sources(const std::vector<std::string>& inputs, model::Snapshot& snapshot, Diagnostics& diagnostics,
                  const LoadOptions& options = {});

// Reads one file (or stdin for "-") into `snapshot`.
void load_file(const std::string& path, model::Snapshot& snapshot, Diagnostics& diagnostics,
               const LoadOptions& options = {});

// Reads one JSON document from `fd` (a live API page: a List whose items may
// carry no kind), naming it `display` in positions and errors, exactly as a
// .json file is read. When `list_root` is given, it receives the top-level
// object minus its items (a page's metadata, with its continue token).
void load_json_fd(int fd, const std::string& display, model::Snapshot& snapshot, Diagnostics& diagnostics,
                  Value* list_root = nullptr);

// True when `text` is probably a Helm template: it holds `{{` outside quoted strings.
bool looks_like_template(std::string_view text);

}  // namespace hybridctl::decode
