// Feeding a fuzz input to ExtractFile, the function kb-indexer's extraction worker runs on every
// file: the bytes are written to a file with the given name in a private temporary folder (the
// name picks plain text or Markdown, and its date and words feed the metadata heuristics).
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string_view>

#include "extracted_doc_checks.h"
#include "kb/extract/extractor.h"
#include "process.h"

namespace kb::fuzz {

class ExtractFileInput {
 public:
  explicit ExtractFileInput(std::string_view file_name)
      : file_(std::filesystem::path(dir_.path()) / file_name) {}

  // -1 (libFuzzer: do not keep the input) for what looks like a PDF or an OLE file: ExtractFile
  // would hand it to Poppler or to antiword, which production runs only in the sandboxed
  // worker, never in the indexer.
  int Run(const std::uint8_t* data, std::size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    if (bytes.substr(0, 1024).find("%PDF-") != std::string_view::npos) return -1;
    if (bytes.starts_with("\xd0\xcf\x11\xe0")) return -1;
    {
      std::ofstream out(file_, std::ios::binary | std::ios::trunc);
      out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    }
    auto doc = extract::ExtractFile(file_);
    if (doc.ok()) CheckExtractedDoc(*doc);
    return 0;
  }

 private:
  test::TempDir dir_;
  std::filesystem::path file_;
};

}  // namespace kb::fuzz
