// RunExtractWorker: the child side of SandboxedExtractor. One request at a time, until EOF.
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <exception>
#include <string>

#include "kb/extract/sandboxed_extractor.h"
#include "unique_fd.h"
#include "worker_protocol.h"

namespace kb::extract {
namespace {

Result<ExtractedDoc> ExtractGuarded(const protocol::Request& request) {
  try {
    return ExtractFile(request.path, request.options);
  } catch (const std::exception& e) {
    return Status::Internal("extraction of '" + request.path.string() + "' failed: " + e.what());
  } catch (...) {
    return Status::Internal("extraction of '" + request.path.string() +
                            "' failed with an unknown exception");
  }
}

}  // namespace

int RunExtractWorker(const ExtractOptions& options) {
  if constexpr (kWorkerLimitsAddressSpace) {
    const rlimit address_space{kWorkerAddressSpaceBytes, kWorkerAddressSpaceBytes};
    if (::setrlimit(RLIMIT_AS, &address_space) != 0) return 2;
  }
  // Keep the protocol channel private: whatever a library prints on stdout must not corrupt
  // the frames, so fd 1 is pointed at stderr and replies go through a duplicate.
  UniqueFd reply(::dup(STDOUT_FILENO));
  if (!reply.valid() || ::dup2(STDERR_FILENO, STDOUT_FILENO) < 0) return 2;
  while (true) {
    protocol::ReadResult incoming = protocol::ReadFrame(STDIN_FILENO, std::nullopt);
    if (incoming.outcome == protocol::ReadOutcome::kEndOfStream) return 0;
    if (incoming.outcome != protocol::ReadOutcome::kFrame) return 1;
    auto request = protocol::DecodeRequest(incoming.payload);
    if (request.ok()) {
      // The worker's own limits are a ceiling on what a request may ask for.
      auto& limits = request->options;
      limits.max_file_bytes = std::min(limits.max_file_bytes, options.max_file_bytes);
      limits.max_pages = std::min(limits.max_pages, options.max_pages);
    }
    const Result<ExtractedDoc> result =
        request.ok() ? ExtractGuarded(*request) : Result<ExtractedDoc>(request.status());
    if (!protocol::WriteFrame(reply.get(), protocol::EncodeResponse(result), std::nullopt).ok()) {
      return 1;
    }
  }
}

}  // namespace kb::extract
