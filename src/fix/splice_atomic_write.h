// How `fix --write` replaces a manifest file: never half written, never
// over a change it did not read. The new text goes to a temporary file in
// the same directory (same filesystem), is fsynced, gets the old file's mode
// and owner, and is renamed over it; the directory is fsynced too.
#pragma once

#include <string>
#include <string_view>

namespace hybridctl::fix {

// Replaces the file at `path` (symlinks followed) with `text`, provided it
// still holds `expected` (what was read and spliced). False, with why, and
// the file untouched otherwise. `sync_directory` false: the caller fsyncs
// the directory once after its last rename there (sync_directory_of).
bool replace_file_atomically(const std::string& path, std::string_view expected, std::string_view text,
                             std::string& error, bool sync_directory = true);

// Makes the renames in the directory holding `path` durable.
void sync_directory_of(const std::string& path);

}  // namespace hybridctl::fix
