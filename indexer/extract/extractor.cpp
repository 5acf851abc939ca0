// ExtractFile: reads the file once, picks the extractor by content, completes the metadata.
#include "kb/extract/extractor.h"

#include <algorithm>
#include <fstream>
#include <iterator>
#include <string>
#include <system_error>

#include "format_extractors.h"
#include "kb/core/schema.h"
#include "text_scan.h"

namespace kb::extract {
namespace {

// Poppler accepts a header anywhere in the first KiB (some generators prepend junk).
constexpr std::size_t kPdfHeaderWindow = 1024;

std::string LowerExtension(const std::filesystem::path& path) {
  return scan::ToLowerAscii(path.extension().string());
}

bool HasPdfHeader(std::string_view bytes) {
  return bytes.substr(0, kPdfHeaderWindow).find("%PDF-") != std::string_view::npos;
}

Result<std::string> ReadFile(const std::filesystem::path& path, const ExtractOptions& options) {
  std::error_code error;
  const auto status = std::filesystem::status(path, error);
  if (error || !std::filesystem::exists(status)) {
    return Status::NotFound("file '" + path.string() + "' does not exist or cannot be accessed");
  }
  if (!std::filesystem::is_regular_file(status)) {
    return Status::InvalidArgument("'" + path.string() + "' is not a regular file");
  }
  const auto size = std::filesystem::file_size(path, error);
  if (error) {
    return Status::InvalidArgument("cannot determine the size of '" + path.string() +
                                   "': " + error.message());
  }
  if (size > options.max_file_bytes) {
    return Status::InvalidArgument("file '" + path.string() + "' is " + std::to_string(size >> 20) +
                                   " MiB, more than the limit of " +
                                   std::to_string(options.max_file_bytes >> 20) +
                                   " MiB; split it or raise the limit");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::InvalidArgument("cannot open '" + path.string() + "' for reading");
  // One read of the size stat gave (a character-by-character copy cost as much as hashing),
  // then whatever the file grew by since.
  std::string bytes(static_cast<std::size_t>(size), '\0');
  in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  bytes.resize(static_cast<std::size_t>(in.gcount()));
  char more[1 << 16];
  while (in.good() && in.read(more, sizeof more).gcount() > 0) {
    bytes.append(more, static_cast<std::size_t>(in.gcount()));
  }
  if (in.bad()) return Status::InvalidArgument("read error on '" + path.string() + "'");
  return bytes;
}

Result<RawExtraction> Dispatch(const std::filesystem::path& path, std::string_view bytes,
                               const ExtractOptions& options) {
  const std::string extension = LowerExtension(path);
  if (HasPdfHeader(bytes)) return ExtractPdf(path, bytes, options);
  if (extension == ".pdf") {
    const bool lfs = bytes.substr(0, 40).find("git-lfs") != std::string_view::npos;
    return Status::InvalidArgument(
        "'" + path.string() + "' is named .pdf but is not a PDF" +
        (lfs ? " (it is a Git LFS pointer: run 'git lfs pull' to fetch the real file)"
             : " (no %PDF header); check where the file came from"));
  }
  const bool markdown = extension == ".md" || extension == ".markdown";
  return ExtractText(path, bytes, markdown);
}

bool HasText(const ExtractedDoc& doc) {
  return std::any_of(doc.pages.begin(), doc.pages.end(),
                     [](const std::string& page) { return scan::CountLetters(page) > 0; });
}

}  // namespace

Result<ExtractedDoc> ExtractFile(const std::filesystem::path& path, const ExtractOptions& options) {
  auto bytes = ReadFile(path, options);
  if (!bytes.ok()) return bytes.status();
  if (bytes->empty()) {
    return Status::InvalidArgument("file '" + path.string() + "' is empty");
  }
  auto raw = Dispatch(path, *bytes, options);
  if (!raw.ok()) return raw.status();
  // A text file without letters has nothing to index; a PDF without text (a scan) is kept so
  // it can be found by title and OCR'd later.
  if (raw->doc.format != "pdf" && !HasText(raw->doc)) {
    return Status::InvalidArgument("text file '" + path.string() + "' contains no words");
  }
  CompleteMetadata(raw->declared, path, raw->doc);
  return std::move(raw->doc);
}

bool IsIndexableFile(const std::filesystem::path& path) {
  const std::string extension = LowerExtension(path);
  return std::find(schema::kIndexedExtensions.begin(), schema::kIndexedExtensions.end(),
                   extension) != schema::kIndexedExtensions.end();
}

}  // namespace kb::extract
