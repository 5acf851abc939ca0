// Uploaded files: what they are (decided by their bytes), a safe name, and storing them in the
// managed corpus folder without ever overwriting a file.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>

#include "kb/core/status.h"

namespace kb::editing {

enum class UploadType { kPdf, kText, kMarkdown };

// The type of an upload named `name` (as the client sent it) with content `bytes`:
//   - a PDF starts with "%PDF-" (within its first 1024 bytes, as readers allow) and is named .pdf;
//   - text (.txt, .md) is valid UTF-8 or plausible Windows-1252: no NUL bytes, none of the five
//     bytes Windows-1252 leaves undefined unless it is valid UTF-8, and hardly any control
//     characters.
// InvalidArgument (Dutch, naming the file) for an empty file, another extension, or content that
// does not match the extension (a PDF named .txt, a binary named .pdf, ...).
Result<UploadType> CheckUpload(std::string_view name, std::string_view bytes);

// A file name safe on every system: the last path component of `client_name`, letters, digits,
// '.', '-' and '_' kept (accented letters folded to ASCII where obvious, everything else becomes
// '-'), no leading dot, at most 100 bytes, the extension in lower case. "document" when nothing
// is left of the stem.
std::string SafeFileName(std::string_view client_name);

// Writes `bytes` into `dir` as `safe_name`, or as name-2.ext, name-3.ext, ... when that exists;
// never overwrites, and the file appears complete or not at all (written to a hidden temporary
// file first, then linked into place). Returns the absolute path. Unavailable when the folder
// cannot be written.
Result<std::filesystem::path> StoreUpload(const std::filesystem::path& dir,
                                          const std::string& safe_name, std::string_view bytes);

}  // namespace kb::editing
