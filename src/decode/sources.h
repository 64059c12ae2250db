// The inputs of a run: files, directories (recursive) and `-` for standard
// input, each decoded all-or-nothing into the snapshot.
#pragma once

#include <string>
#include <vector>

#include "core/diagnostic.h"
#include "model/snapshot.h"

namespace hybridctl::decode {

// Reads every input into `snapshot`. A file that cannot be parsed adds an
// error and contributes no object; other files are still read.
void load_sources(const std::vector<std::string>& inputs, model::Snapshot& snapshot, Diagnostics& diagnostics);

// Reads one file (or stdin for "-") into `snapshot`.
void load_file(const std::string& path, model::Snapshot& snapshot, Diagnostics& diagnostics);

// True when `text` is probably a Helm template: it holds `{{` outside quoted strings.
bool looks_like_template(std::string_view text);

}  // namespace hybridctl::decode
