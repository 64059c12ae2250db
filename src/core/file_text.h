// Reading a whole file into memory, for the small files the commands read
// besides their inputs (baselines, weights, tokens, manifests being fixed).
// The inputs themselves go through decode/sources (mapped, streamed).
#pragma once

#include <optional>
#include <string>

namespace hybridctl {

// The file's bytes, or nullopt when it cannot be opened or read (errno
// then says why).
std::optional<std::string> read_file_text(const std::string& path);

}  // namespace hybridctl
