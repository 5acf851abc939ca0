// PLACEHOLDER (skeleton): to be replaced by the Poppler and text extractors.
#include "kb/extract/extractor.h"

namespace kb::extract {

Result<ExtractedDoc> ExtractFile(const std::filesystem::path& path, const ExtractOptions&) {
  return Status::Internal("extraction not implemented yet: " + path.string());
}

bool IsIndexableFile(const std::filesystem::path& path) {
  const auto ext = path.extension().string();
  return ext == ".pdf" || ext == ".txt" || ext == ".md" || ext == ".markdown" || ext == ".text";
}

}  // namespace kb::extract
