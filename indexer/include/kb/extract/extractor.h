// Extraction of one file into an ExtractedDoc, in this process.
//
// The format is detected from the content (PDF magic bytes), not the extension alone; text and
// Markdown are decoded with charset detection. Metadata heuristics (title, date, kind, language)
// are applied here so every extractor's output is complete.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string_view>

#include "kb/core/status.h"
#include "kb/extract/extracted_doc.h"

namespace kb::extract {

// When PDF pages are read by OCR (kb-indexer --ocr).
enum class OcrMode {
  kOff,    // never
  kAuto,   // in scans: PDFs with at least half of their pages without a text layer
  kForce,  // every page without a text layer, also a born-digital report's image pages
};

struct ExtractOptions {
  // Files larger than this are refused with InvalidArgument (default 200 MiB).
  std::uint64_t max_file_bytes = 200ull << 20;
  // PDFs with more pages than this are truncated to it (default 5000).
  int max_pages = 5000;
  OcrMode ocr = OcrMode::kAuto;
  // Where OCR text is kept by the file's content hash and page, so a re-index (a moved or
  // touched file, a changed rule) does not OCR again; empty: no cache.
  std::filesystem::path ocr_cache;
  // How deep inside e-mail attachments this file is (0: a file of the corpus); set by the e-mail
  // extractor for the attachments it reads.
  int attachment_depth = 0;
};

// "off", "auto", "force" <-> OcrMode; nullopt for anything else.
std::optional<OcrMode> ParseOcrMode(std::string_view name);
std::string_view OcrModeName(OcrMode mode);

// Returns InvalidArgument with a reason a person can act on ("encrypted PDF: remove the password
// and index it again", "empty file", "not a PDF although named .pdf", binary data in a text file,
// a damaged PDF ...), NotFound when the file does not exist. Every message names the file.
// A PDF without any text (a scan) is returned with empty pages, titled from its metadata or name.
// Not safe against a Poppler crash or hang: use SandboxedExtractor for untrusted PDFs.
// Thread-safe.
Result<ExtractedDoc> ExtractFile(const std::filesystem::path& path,
                                 const ExtractOptions& options = {});

// True for the files the indexer considers: by extension (.pdf .txt .md .markdown .text) or,
// for files without a known extension, never. Hidden files and directories are skipped by the
// walker.
bool IsIndexableFile(const std::filesystem::path& path);

}  // namespace kb::extract
