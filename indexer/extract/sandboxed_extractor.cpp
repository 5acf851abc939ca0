// PLACEHOLDER (skeleton): runs in process until the worker protocol exists.
#include "kb/extract/sandboxed_extractor.h"

namespace kb::extract {

struct SandboxedExtractor::Impl {
  SandboxOptions options;
};

SandboxedExtractor::SandboxedExtractor(SandboxOptions options) : impl_(std::make_unique<Impl>()) {
  impl_->options = std::move(options);
}
SandboxedExtractor::~SandboxedExtractor() = default;

Result<ExtractedDoc> SandboxedExtractor::Extract(const std::filesystem::path& path) {
  return ExtractFile(path, impl_->options.extract);
}

int RunExtractWorker(const ExtractOptions&) { return 0; }

}  // namespace kb::extract
